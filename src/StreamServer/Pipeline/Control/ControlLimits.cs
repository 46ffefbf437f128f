using System.Globalization;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// The ranges SetView accepts. Out-of-range values are refused rather than clamped, so a client learns of its bug;
/// the server-side easing then keeps even legal jumps smooth.
/// </summary>
internal static class ControlLimits
{
    public const double MaxAbsYaw = 180, MaxAbsRoll = 180, MinZoom = 0.25, MaxZoom = 4, MinFov = 10, MaxFov = 120;

    /// <summary>The view, or an <see cref="ArgumentException"/> naming the first bad argument.</summary>
    public static CameraView View(double yaw, double pitch, double roll, double zoom, double fov)
    {
        Require("yaw", yaw, -MaxAbsYaw, MaxAbsYaw);
        Require("pitch", pitch, -CameraView.MaxAbsPitchDegrees, CameraView.MaxAbsPitchDegrees);
        Require("roll", roll, -MaxAbsRoll, MaxAbsRoll);
        Require("zoom", zoom, MinZoom, MaxZoom);
        if (!(fov <= 0))
        {
            Require("fov", fov, MinFov, MaxFov);
        }

        return new CameraView((float)yaw, (float)pitch, (float)roll, (float)zoom, fov <= 0 ? 0 : (float)fov);
    }

    private static void Require(string name, double value, double min, double max)
    {
        if (!double.IsFinite(value) || value < min || value > max)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"SetView: {name} must be a finite number in [{min}, {max}], got {value}"));
        }
    }
}
