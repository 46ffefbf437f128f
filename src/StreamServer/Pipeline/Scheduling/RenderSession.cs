using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Scheduling;

/// <summary>
/// One session's place at the <see cref="RenderScheduler"/>: it waits for a <see cref="Turn"/> before each render,
/// learns how long its frames take (a cost per pixel-sample, smoothed), and caps its quality to its share.
/// </summary>
internal sealed class RenderSession : IDisposable
{
    private const double Smoothing = 0.2;

    /// <summary>
    /// Frames whose time is taken as is rather than smoothed: the first carries one-time warm-up (JIT, buffers, the
    /// renderer's first dispatch) and costs several times a warm frame, so the second replaces it instead of being
    /// averaged with it; otherwise admission and capping would judge a new session by its cold start for seconds.
    /// </summary>
    private const int UnsmoothedFrames = 2;
    private int _framesLearned;
    private readonly RenderScheduler _scheduler;
    private readonly TimeProvider _time;
    private TaskCompletionSource<Turn>? _waiter;

    internal RenderSession(RenderScheduler scheduler, string id, TimeProvider time)
    {
        _scheduler = scheduler;
        _time = time;
        Id = id;
    }

    public string Id { get; }

    /// <summary>Render milliseconds used so far (plus the level it joined at); guarded by the scheduler's lock.</summary>
    internal double VirtualMs { get; set; }

    /// <summary>When this session last asked for a turn (timestamp), 0 before the first.</summary>
    internal long LastTurn { get; set; }

    /// <summary>Measured render milliseconds per <see cref="QualityCap.Units"/>; 0 until a frame was rendered.</summary>
    public double MsPerUnit { get; private set; }

    /// <summary>Why the quality is capped now, for the stats and the page; null when it is not.</summary>
    public string? CapReason { get; private set; }

    /// <summary>Waits for this session's fair turn at the renderer; dispose the turn when the frame is rendered.</summary>
    public ValueTask<Turn> TurnAsync(CancellationToken token) => _scheduler.AcquireAsync(this, token);

    /// <summary>
    /// The quality to render now: <paramref name="requested"/>, or less when other sessions render too and it would
    /// take more than this session's share of render time. A lone session is never capped: it takes time from no one.
    /// While nothing has been measured yet and other sessions share the renderer, one frame at the lowest quality
    /// measures the cost first, so a greedy first frame cannot hold the renderer for seconds.
    /// </summary>
    public RenderQuality Cap(RenderQuality requested)
    {
        var msPerUnit = MsPerUnit > 0 ? MsPerUnit : _scheduler.AverageMsPerUnit();
        if (msPerUnit == 0 && _scheduler.JoinedSessions() > 1)
        {
            var probe = QualityCap.Lowest(requested.Sampler);
            CapReason = $"capped to {probe} while the renderer's cost is measured";
            return probe;
        }
        var sessions = _scheduler.RenderingSessions();
        var budget = _scheduler.FrameBudgetMs(sessions);
        var capped = sessions < 2 ? requested : QualityCap.Fit(requested, msPerUnit, budget);
        CapReason = capped == requested ? null
            : $"capped to {capped}: {sessions} sessions share the renderer, {budget:0} ms a frame each";
        return capped;
    }

    public void Dispose() => _scheduler.Leave(this);

    internal Turn Grant() => new(this, _time.GetTimestamp());

    internal async Task<Turn> WaitAsync(CancellationToken token)
    {
        var waiter = new TaskCompletionSource<Turn>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiter = waiter;
        await using var registration = token.Register(() =>
        {
            _scheduler.Cancel(this);
            waiter.TrySetCanceled(token);
        }).ConfigureAwait(false);
        var turn = await waiter.Task.ConfigureAwait(false);
        return turn;
    }

    /// <summary>Called under the scheduler's lock; false when the waiter was cancelled meanwhile.</summary>
    internal bool TryGrantWaiting() => _waiter is { } waiter && waiter.TrySetResult(Grant());

    private void Learn(RenderQuality? rendered, double elapsedMs)
    {
        if (rendered is null)
        {
            return;
        }
        var perUnit = elapsedMs / QualityCap.Units(rendered);
        MsPerUnit = ++_framesLearned <= UnsmoothedFrames ? perUnit : MsPerUnit + Smoothing * (perUnit - MsPerUnit);
    }

    /// <summary>The right to render one frame; disposing it hands the renderer to the next session.</summary>
    public sealed class Turn(RenderSession session, long started) : IDisposable
    {
        private RenderQuality? _rendered;
        private int _done;

        /// <summary>Marks the turn as a volume render at <paramref name="quality"/> (not a camera pass-through), so its time teaches the cost.</summary>
        public void Rendered(RenderQuality quality) => _rendered = quality;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) != 0)
            {
                return;
            }
            var elapsedMs = session._time.GetElapsedTime(started).TotalMilliseconds;
            session.Learn(_rendered, elapsedMs);
            session._scheduler.Release(session, elapsedMs);
        }
    }
}
