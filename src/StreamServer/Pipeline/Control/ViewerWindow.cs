using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// How a headset's pose becomes the render camera: the viewer looks at the portrait as at a real head through a
/// window. The head is world-locked, life size, straight ahead of the viewer's start position at the model's camera
/// distance: the field's origin (the head's centre, which the render camera orbits) sits at
/// (0, 0, −<see cref="HeadDistanceMetres"/>) in WebXR's <c>local</c> space, and field and local space share their axes
/// (right-handed, y up, the start view along −z), scaled by <see cref="MetresPerWorldUnit"/> (the scale at which
/// <see cref="StereoRig"/> gives the average viewer life-size eyes). The camera then sits where the viewer's eyes are,
/// looking at the face: moving the head right orbits the camera toward +x (the viewer sees more of the portrait's left
/// cheek, as with a real head), stepping closer zooms in. The yaw, pitch and distance are clamped to the range the
/// model renders well (the gaze preset's angles, SetView's zoom range). The camera rolls with the head's tilt, so the
/// stereo eyes, the rig's ∓IPD/2 along the camera's right axis, lie along the line between the viewer's eyes when the
/// head is tilted — level eyes on a tilted head would give a disparity across the viewer's eyes that they cannot
/// fuse. The quad rolls with the camera, so on it the picture stays upright in the world.
/// <para>Each frame reports its <see cref="Quad"/>: where its picture lies in local space, the plane through the
/// look-at point square to the camera's axis, the height the camera's frustum has there. Both stereo eyes' off-axis
/// frusta meet that plane in the same square, so one quad serves both halves of a side-by-side frame.</para>
/// </summary>
internal static class ViewerWindow
{
    /// <summary>Metres per field unit: 63 mm of viewer IPD is the portrait's eye distance (<see cref="StereoRig.WorldUnitsPerMillimetre"/>).</summary>
    public const float MetresPerWorldUnit = 1f / (1000f * StereoRig.WorldUnitsPerMillimetre);

    /// <summary>The clamp: the angles the gaze preset keeps to, the zoom range SetView accepts.</summary>
    public const float MaxAbsYawDegrees = ViewPresets.MaxGazeYawDegrees;
    public const float MaxAbsPitchDegrees = ViewPresets.MaxGazePitchDegrees;
    public const float MinZoom = (float)ControlLimits.MinZoom, MaxZoom = (float)ControlLimits.MaxZoom;

    /// <summary>Distance from the viewer's start position to the head's centre: the model's camera radius, life size (≈ 1.31 m at 2.7 units).</summary>
    public static float HeadDistanceMetres(RenderingConfig rendering)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        return rendering.CameraRadius * MetresPerWorldUnit;
    }

    /// <summary>
    /// The camera view for a viewer whose eyes' midpoint is at <paramref name="position"/> (metres, local space) and
    /// whose head is turned by <paramref name="orientation"/> (local space): placed by the position, rolled by the head.
    /// </summary>
    public static CameraView View(Vector3 position, Quaternion orientation, RenderingConfig rendering)
    {
        var upright = Upright(position, rendering);
        return upright with { RollDegrees = RollDegrees(CameraPose.LookAt(upright, rendering), orientation) };
    }

    /// <summary>
    /// The head's tilt from level: the angle its right axis (local +x turned by <paramref name="orientation"/>; the
    /// line between the eyes) makes with the horizontal, positive when the right eye is lower — toward the upright
    /// camera's down axis, as <see cref="CameraPose.LookAt"/> rolls. An upright head gives exactly 0 whichever way it
    /// faces, so its picture and quad are the unrolled ones; a head facing away from the portrait (its right axis
    /// against the camera's) gives the supplement, the camera's right then being the head's left.
    /// </summary>
    private static float RollDegrees(in CameraPose upright, Quaternion orientation)
    {
        var headRight = Vector3.Transform(Vector3.UnitX, orientation);
        float level = MathF.Sqrt(headRight.X * headRight.X + headRight.Z * headRight.Z);
        float across = Vector3.Dot(headRight, upright.Right) < 0f ? -level : level;
        return MathF.Atan2(-headRight.Y, across) * (180f / MathF.PI);
    }

    /// <summary>
    /// The unrolled view from <paramref name="position"/>: yaw, pitch and zoom toward the head's centre, clamped (to the
    /// window's own limits and to the model's view range).
    /// </summary>
    private static CameraView Upright(Vector3 position, RenderingConfig rendering)
    {
        var offset = (position - HeadCentre(rendering)) / MetresPerWorldUnit;
        float distance = offset.Length();
        // A viewer inside the head (distance 0) has no direction: look from the front at the closest zoom.
        if (distance < 1e-6f)
        {
            return new CameraView(0f, 0f, 0f, MaxZoom);
        }
        float yaw = MathF.Atan2(offset.X, offset.Z) * (180f / MathF.PI);
        float pitch = MathF.Asin(Math.Clamp(offset.Y / distance, -1f, 1f)) * (180f / MathF.PI);
        return rendering.ViewRange.Clamp(new CameraView(
            Math.Clamp(yaw, -MaxAbsYawDegrees, MaxAbsYawDegrees),
            Math.Clamp(pitch, -MaxAbsPitchDegrees, MaxAbsPitchDegrees),
            0f,
            Math.Clamp(rendering.CameraRadius / distance, MinZoom, MaxZoom)));
    }

    /// <summary>Where a frame rendered from <paramref name="view"/> lies in local space (metres).</summary>
    public static PictureQuad Quad(CameraView view, RenderingConfig rendering)
    {
        var pose = CameraPose.LookAt(view, rendering);
        var lookAt = new Vector3(rendering.LookAt.X, rendering.LookAt.Y, rendering.LookAt.Z);
        float depth = Vector3.Dot(lookAt - pose.Origin, pose.Forward);
        var centre = pose.Origin + depth * pose.Forward;
        float height = depth / CameraIntrinsics.For(view, rendering).Focal;
        return new PictureQuad(
            ToLocal(pose.Origin, rendering),
            ToLocal(centre, rendering),
            pose.Right,
            -pose.Down,
            height * MetresPerWorldUnit);
    }

    private static Vector3 HeadCentre(RenderingConfig rendering) => new(0f, 0f, -HeadDistanceMetres(rendering));

    private static Vector3 ToLocal(Vector3 field, RenderingConfig rendering) => HeadCentre(rendering) + field * MetresPerWorldUnit;
}
