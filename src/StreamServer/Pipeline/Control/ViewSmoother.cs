using PortraitStream.Renderer.Camera;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// Eases the rendered view toward the requested one, so a jumpy mouse or a coarse control rate turns into smooth
/// motion: each component approaches its target exponentially with <see cref="TimeConstant"/> (63 % of the way after
/// one time constant, whatever the frame rate). The first view is taken as is; a switch between the model's own field
/// of view (≤ 0) and an explicit one snaps, since there is nothing to interpolate between.
/// </summary>
internal sealed class ViewSmoother(TimeSpan timeConstant)
{
    private CameraView? _current;

    public TimeSpan TimeConstant { get; } = timeConstant;

    /// <summary>The view after <paramref name="elapsed"/> of easing toward <paramref name="target"/>.</summary>
    public CameraView Step(CameraView target, TimeSpan elapsed)
    {
        if (_current is not { } current || TimeConstant <= TimeSpan.Zero)
        {
            _current = target;
            return target;
        }

        var t = (float)(1 - Math.Exp(-Math.Max(elapsed.TotalSeconds, 0) / TimeConstant.TotalSeconds));
        var fov = target.FovDegrees > 0 && current.FovDegrees > 0 ? Lerp(current.FovDegrees, target.FovDegrees, t) : target.FovDegrees;
        var next = new CameraView(
            Lerp(current.YawDegrees, target.YawDegrees, t),
            Lerp(current.PitchDegrees, target.PitchDegrees, t),
            Lerp(current.RollDegrees, target.RollDegrees, t),
            // Zoom is a distance ratio: easing its logarithm makes zooming in and out feel alike.
            MathF.Exp(Lerp(MathF.Log(current.Zoom), MathF.Log(target.Zoom), t)),
            fov);
        _current = next;
        return next;
    }

    private static float Lerp(float from, float to, float t) => from + (to - from) * t;
}
