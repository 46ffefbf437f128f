using Microsoft.Extensions.Options;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Pipeline.Scheduling;

/// <summary>
/// Shares the renderer between sessions. The renderer already uses the whole machine for one frame (the CPU reference
/// runs rows on every core; Vulkan has one queue), so sessions take turns, <see cref="PipelineOptions.RenderConcurrency"/>
/// at a time. A free turn goes to the waiting session that has used the least render time so far (fair queuing by
/// virtual time, as in start-time fair queuing: a newcomer starts level with the least-served session rather than at
/// zero, so it cannot monopolise the renderer to "catch up"). A session asking for more than its share gets its
/// quality capped (<see cref="RenderSession.Cap"/>) instead of slowing the others, and a new session is refused when
/// even the lowest quality would not leave everyone <see cref="PipelineOptions.AdmitFps"/>.
/// </summary>
internal sealed class RenderScheduler(IOptions<PipelineOptions> options, TimeProvider time) : ISessionAdmissionCheck
{
    /// <summary>A session counts as rendering while it has taken a turn this recently.</summary>
    private static readonly TimeSpan ActiveWindow = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly List<RenderSession> _sessions = [];
    private readonly List<RenderSession> _waiting = [];
    private int _running;

    private PipelineOptions Options => options.Value;

    /// <summary>A session's place at the renderer; dispose it when the session's render loop ends.</summary>
    public RenderSession Join(string sessionId)
    {
        lock (_gate)
        {
            var session = new RenderSession(this, sessionId, time) { VirtualMs = _sessions.Count == 0 ? 0 : _sessions.Min(s => s.VirtualMs) };
            _sessions.Add(session);
            return session;
        }
    }

    /// <summary>Sessions joined, rendering or not.</summary>
    public int JoinedSessions()
    {
        lock (_gate)
        {
            return _sessions.Count;
        }
    }

    /// <summary>Sessions that rendered within the last second.</summary>
    public int RenderingSessions()
    {
        lock (_gate)
        {
            return CountRendering();
        }
    }

    /// <inheritdoc/>
    public string? RefusalForAnotherSession()
    {
        lock (_gate)
        {
            var rendering = _sessions.Where(IsRendering).ToList();
            var measured = rendering.Where(s => s.MsPerUnit > 0).ToList();
            if (measured.Count == 0)
            {
                return null;
            }
            var lowest = QualityCap.Units(QualityCap.Lowest(Control.SamplerQuality.Live));
            var lowestMs = measured.Average(s => s.MsPerUnit) * lowest;
            return lowestMs * (rendering.Count + 1) > 1000.0 / Options.AdmitFps * Options.RenderConcurrency
                ? $"The renderer is at capacity: {rendering.Count} sessions already share it, and one more would leave none of them {Options.AdmitFps} frames a second."
                : null;
        }
    }

    /// <summary>
    /// The measured cost per pixel-sample averaged over sessions that have rendered (0 when none has): a newcomer's
    /// estimate until its own first frame, so its first frame at a greedy quality is capped too, not seconds long.
    /// </summary>
    internal double AverageMsPerUnit()
    {
        lock (_gate)
        {
            var measured = _sessions.Where(s => s.MsPerUnit > 0).ToList();
            return measured.Count == 0 ? 0 : measured.Average(s => s.MsPerUnit);
        }
    }

    /// <summary>Render time per frame each of <paramref name="sessions"/> rendering sessions may use, in milliseconds.</summary>
    internal double FrameBudgetMs(int sessions) => 1000.0 / Options.FairFps * Options.RenderConcurrency / Math.Max(1, sessions);

    internal ValueTask<RenderSession.Turn> AcquireAsync(RenderSession session, CancellationToken token)
    {
        lock (_gate)
        {
            session.LastTurn = time.GetTimestamp();
            if (_running < Options.RenderConcurrency && _waiting.Count == 0)
            {
                _running++;
                return ValueTask.FromResult(session.Grant());
            }
            _waiting.Add(session);
            return new ValueTask<RenderSession.Turn>(session.WaitAsync(token));
        }
    }

    internal void Release(RenderSession session, double elapsedMs)
    {
        lock (_gate)
        {
            session.VirtualMs += elapsedMs;
            _running--;
            GrantNext();
        }
    }

    internal void Cancel(RenderSession session)
    {
        lock (_gate)
        {
            _waiting.Remove(session);
        }
    }

    internal void Leave(RenderSession session)
    {
        lock (_gate)
        {
            _sessions.Remove(session);
            _waiting.Remove(session);
        }
    }

    private void GrantNext()
    {
        while (_running < Options.RenderConcurrency && _waiting.Count > 0)
        {
            var next = _waiting.MinBy(s => s.VirtualMs)!;
            _waiting.Remove(next);
            if (next.TryGrantWaiting())
            {
                _running++;
            }
        }
    }

    private int CountRendering() => _sessions.Count(IsRendering);

    private bool IsRendering(RenderSession session) => session.LastTurn != 0 && time.GetElapsedTime(session.LastTurn) < ActiveWindow;
}
