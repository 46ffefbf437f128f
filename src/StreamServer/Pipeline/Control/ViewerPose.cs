using System.Globalization;
using System.Numerics;


namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// One head pose as a viewer's headset reports it (<c>SetViewerPose</c>): <see cref="Position"/>, the eyes' midpoint
/// in metres in WebXR's <c>local</c> reference space (right-handed, y up, the viewer facing −z at the session's start,
/// origin at the head's start position); <see cref="TimestampMs"/> is the client's clock for the pose (the XR frame's
/// time), echoed with every frame rendered from it; <see cref="ReceivedTicks"/> is when the hub took it (Stopwatch
/// ticks), where the server's pose-to-photon time starts. <see cref="Orientation"/> (unit, local space) is used for its
/// roll alone: the picture lies on a world-locked quad, so turning the head needs no new render (the headset's
/// compositor re-projects the quad), and where a turn moves the eyes' midpoint WebXR already folds into the position;
/// but tilting the head tilts the line between the eyes, which the stereo pair must follow (<see cref="ViewerWindow"/>).
/// </summary>
internal readonly record struct ViewerPose(Vector3 Position, Quaternion Orientation, double TimestampMs, long ReceivedTicks)
{
    /// <summary>Farthest a head may be from its reference space's origin on any axis: a room, not a typo's 1e30.</summary>
    public const double MaxAbsPositionMetres = 10;

    /// <summary>How far |q| may be from 1: WebXR's float32 quaternions are unit to about 1e-7; 1 % catches a client's bug.</summary>
    public const double UnitTolerance = 0.01;

    /// <summary>
    /// The pose, or an <see cref="ArgumentException"/> naming the first bad argument: three finite coordinates within
    /// ±<see cref="MaxAbsPositionMetres"/>, four finite quaternion components (x, y, z, w) of length 1 ± <see cref="UnitTolerance"/>
    /// a finite timestamp ≥ 0.
    /// </summary>
    public static ViewerPose From(double[]? position, double[]? orientation, double timestampMs, long receivedTicks)
    {
        if (position is not { Length: 3 })
        {
            throw Refused($"position must be [x, y, z] in metres, got {Count(position)}");
        }
        if (orientation is not { Length: 4 })
        {
            throw Refused($"orientation must be a quaternion [x, y, z, w], got {Count(orientation)}");
        }
        foreach (var p in position)
        {
            if (!double.IsFinite(p) || Math.Abs(p) > MaxAbsPositionMetres)
            {
                throw Refused(string.Create(CultureInfo.InvariantCulture,
                    $"position [{List(position)}] must be finite and within ±{MaxAbsPositionMetres} m on each axis"));
            }
        }
        var length = Math.Sqrt(orientation.Sum(c => c * c));
        if (!double.IsFinite(length) || Math.Abs(length - 1) > UnitTolerance)
        {
            throw Refused(string.Create(CultureInfo.InvariantCulture,
                $"orientation [{List(orientation)}] must be a unit quaternion (length {length:0.####}, tolerance {UnitTolerance})"));
        }
        if (!double.IsFinite(timestampMs) || timestampMs < 0)
        {
            throw Refused(string.Create(CultureInfo.InvariantCulture, $"timestamp {timestampMs} ms must be a finite number ≥ 0"));
        }

        var rotation = Quaternion.Normalize(new Quaternion((float)orientation[0], (float)orientation[1], (float)orientation[2], (float)orientation[3]));
        return new ViewerPose(new Vector3((float)position[0], (float)position[1], (float)position[2]), rotation, timestampMs, receivedTicks);
    }

    private static string List(double[] values) => string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture)));

    private static string Count(double[]? values) => values is null ? "nothing" : $"{values.Length} numbers";

    private static ArgumentException Refused(string reason) => new($"SetViewerPose: {reason}");
}
