using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// One session's camera: the last <c>SetView</c> or preset, turned each frame into a smoothed view. The hub writes,
/// the render loop reads; a lock keeps the pair (mode, target) consistent.
/// </summary>
internal sealed class ViewController(TimeSpan smoothing, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly ViewSmoother _smoother = new(smoothing);
    private CameraView _target = CameraView.Front;
    private ViewPreset? _preset;
    private long _presetSince;
    private long? _lastFrame;

    /// <summary>The preset in force, or null after an explicit <see cref="SetView"/>.</summary>
    public ViewPreset? Preset
    {
        get { lock (_gate) { return _preset; } }
    }

    /// <summary>An explicit view; ends any preset.</summary>
    public void SetView(CameraView view)
    {
        lock (_gate)
        {
            (_target, _preset) = (view, null);
        }
    }

    /// <summary>Switches to <paramref name="preset"/>; zoom and field of view stay as they were.</summary>
    public void SetPreset(ViewPreset preset)
    {
        lock (_gate)
        {
            (_preset, _presetSince) = (preset, time.GetTimestamp());
        }
    }

    /// <summary>
    /// The view for the frame being rendered now, given the head angles the tracker measured for it and the views the
    /// model is meant to be seen from: a target outside <paramref name="range"/> is eased toward its nearest view inside,
    /// so a drag past the range stops at its edge and comes straight back from there.
    /// </summary>
    public CameraView Next(HeadAngles head, ViewRange range)
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            var target = range.Clamp(_preset is { } preset ? ViewPresets.Target(preset, _target, time.GetElapsedTime(_presetSince, now), head) : _target);
            var elapsed = _lastFrame is { } last ? time.GetElapsedTime(last, now) : TimeSpan.Zero;
            _lastFrame = now;
            return _smoother.Step(target, elapsed);
        }
    }
}
