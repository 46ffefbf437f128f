using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Camera;
using PortraitStream.Server.Pipeline.Stages;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Pipeline.Stats;

/// <summary>
/// One session's running figures: the pipeline loops report frames in and out with their <see cref="FrameTimings"/>,
/// the stats service takes a <see cref="Snapshot"/> per interval. Thread-safe (one lock; a few calls per frame).
/// </summary>
internal sealed class SessionStatistics(TimeProvider time)
{
    /// <summary>Weight of the newest frame in the moving averages (about the last 10 frames count).</summary>
    private const double Smoothing = 0.1;

    private readonly Lock _gate = new();
    private readonly double?[] _stageMs = new double?[FrameTimings.StageNames.Count];
    private long _framesIn, _framesOut, _poseFramesOut, _bytesOut, _faults, _lastIn, _lastOut, _lastPoseOut, _lastBytes;
    private long _lastSnapshot = time.GetTimestamp();
    private double _latencyMs;
    private double? _poseTimestampMs, _poseToPhotonMs;
    private FaceTrackState _face = FaceTrackState.NoFace;
    private HeadAngles? _head;
    private CameraView? _view;
    private ViewRange? _viewRange;
    private bool _passthrough = true;
    private string _renderer = "";
    private IMediaSession? _session;
    private IDropCounter[] _slots = [];

    /// <summary>True while a pipeline runs for the session.</summary>
    public bool IsLive
    {
        get { lock (_gate) { return _session is not null; } }
    }

    /// <summary>The pipeline started on <paramref name="session"/>, rendering with <paramref name="renderer"/>.</summary>
    public void Attach(IMediaSession session, string renderer, IDropCounter[] slots)
    {
        lock (_gate)
        {
            (_session, _renderer, _slots) = (session, renderer, slots);
        }
    }

    public void Detach()
    {
        lock (_gate)
        {
            (_session, _slots) = (null, []);
        }
    }

    public void OnFrameIn() => Interlocked.Increment(ref _framesIn);

    public void OnFault() => Interlocked.Increment(ref _faults);

    /// <summary>
    /// The tracking state of the frame just rendered, the head angles it was rendered for (null when passed through),
    /// the camera it was rendered from (a controller that cannot see the video reads its turn here) and the views its
    /// model is meant to be seen from (null when passed through: the page's drag keeps to them).
    /// </summary>
    public void OnRendered(FaceTrackState face, HeadAngles? head, CameraView view, ViewRange? range)
    {
        lock (_gate)
        {
            (_face, _head, _passthrough, _view, _viewRange) = (face, head, head is null, view, range);
        }
    }

    /// <summary>A frame left for the browser in <paramref name="bytes"/> of VP8.</summary>
    public void OnFrameSent(FrameTimings timings, int bytes)
    {
        lock (_gate)
        {
            _framesOut++;
            _bytesOut += bytes;
            for (var i = 0; i < _stageMs.Length; i++)
            {
                if (timings.StageMs(i) is { } ms)
                {
                    _stageMs[i] = _stageMs[i] is { } average ? average + Smoothing * (ms - average) : ms;
                }
            }

            var age = timings.AgeMs;
            _latencyMs = _framesOut == 1 ? age : _latencyMs + Smoothing * (age - _latencyMs);
        }
    }

    /// <summary>
    /// A pose-only frame (held triplanes re-rendered at a new viewer pose) left in <paramref name="bytes"/>: in the
    /// bitrate and its own rate, not in the camera frames' rate, stage times or latency.
    /// </summary>
    public void OnPoseFrameSent(int bytes)
    {
        lock (_gate)
        {
            _poseFramesOut++;
            _bytesOut += bytes;
        }
    }

    /// <summary>A frame a viewer's pose steered was sent, <paramref name="poseToPhotonMs"/> after the pose arrived.</summary>
    public void OnPosedFrameSent(double poseTimestampMs, double poseToPhotonMs)
    {
        lock (_gate)
        {
            _poseTimestampMs = poseTimestampMs;
            _poseToPhotonMs = _poseToPhotonMs is { } average ? average + Smoothing * (poseToPhotonMs - average) : poseToPhotonMs;
        }
    }

    /// <summary>The figures since the previous snapshot; the session's settings are filled in by the caller.</summary>
    public StreamStats Snapshot(string executionProvider, string model, Control.RenderQuality quality, string? preset, bool paused)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var seconds = Math.Max(time.GetElapsedTime(_lastSnapshot, now).TotalSeconds, 1e-3);
            var framesIn = Interlocked.Read(ref _framesIn);
            var media = _session?.Stats ?? default;
            var stages = new Dictionary<string, double>();
            for (var i = 0; i < _stageMs.Length; i++)
            {
                stages[FrameTimings.StageNames[i]] = Math.Round(_stageMs[i] ?? 0, 2);
            }

            var stats = new StreamStats(
                Math.Round((framesIn - _lastIn) / seconds, 1),
                Math.Round((_framesOut - _lastOut) / seconds, 1),
                stages,
                Math.Round(_latencyMs, 1),
                _slots.Sum(s => s.Dropped),
                media.RoundTripTime?.TotalMilliseconds,
                media.TargetBitrate / 1000,
                Math.Round((_bytesOut - _lastBytes) * 8 / seconds / 1000, 1),
                executionProvider,
                _renderer,
                _face switch { FaceTrackState.Tracking => "tracking", FaceTrackState.Holding => "holding", _ => "no face" },
                _passthrough,
                Round(_head?.YawDegrees),
                Round(_head?.PitchDegrees),
                model,
                quality.Size,
                quality.SamplerName,
                quality.Samples,
                preset,
                paused,
                Interlocked.Read(ref _faults),
                AudioPacketsIn: media.AudioPacketsIn,
                AudioPacketsOut: media.AudioPacketsOut,
                AudioDelayMs: Math.Round(media.AudioDelay.TotalMilliseconds, 1))
            {
                ViewYawDegrees = Round(_view?.YawDegrees),
                ViewPitchDegrees = Round(_view?.PitchDegrees),
                ViewMaxYawDegrees = _viewRange?.MaxYawDegrees,
                ViewMaxPitchDegrees = _viewRange?.MaxPitchDegrees,
                PoseTimestampMs = _poseTimestampMs,
                PoseToPhotonMs = _poseToPhotonMs is { } ms ? Math.Round(ms, 1) : null,
                PoseFpsOut = Math.Round((_poseFramesOut - _lastPoseOut) / seconds, 1),
                AudioSyncCorrectionMs = media.SoundCorrection is { } correction ? Math.Round(correction.TotalMilliseconds, 1) : null,
            };
            (_lastSnapshot, _lastIn, _lastOut, _lastPoseOut, _lastBytes) = (now, framesIn, _framesOut, _poseFramesOut, _bytesOut);
            return stats;
        }
    }

    private static double? Round(float? degrees) => degrees is { } d ? Math.Round(d, 1) : null;
}
