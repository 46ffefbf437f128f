using System.Numerics;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Camera;

/// <summary>
/// How far a view turns the head: the yaw and pitch at which the view's camera sees a head that faces the default
/// camera (+z) from the look-at point — what a head-pose estimator should read off the picture, in
/// <see cref="CameraView"/>'s convention. It is not the view's own yaw and pitch: the camera orbits the world origin
/// (EG3D's <c>LookAtPoseSampler</c>) but looks at <see cref="RenderingConfig.LookAt"/>, 0.2 in front of it, where the
/// face is; so it turns the face a little further than it orbits (EG3D FFHQ: 32.3° at yaw 30°, 16.2° at 15°, 10.8° at
/// pitch 10°).
/// </summary>
public static class ViewTurn
{
    /// <summary>The turn in degrees (yaw, pitch); zero for the front view whenever the look-at point lies on the z axis.</summary>
    public static (float YawDegrees, float PitchDegrees) Of(CameraView view, RenderingConfig rendering)
    {
        var pose = CameraPose.LookAt(view, rendering);
        // The head's forward axis in the camera's frame, x right, y up, z toward the camera.
        float x = Vector3.Dot(pose.Right, Vector3.UnitZ);
        float y = -Vector3.Dot(pose.Down, Vector3.UnitZ);
        float z = -Vector3.Dot(pose.Forward, Vector3.UnitZ);
        // A camera turned toward the image's right sees the forward axis at x < 0; one raised sees it at y < 0.
        const float degrees = 180f / MathF.PI;
        return (MathF.Atan2(-x, z) * degrees, MathF.Atan2(-y, MathF.Sqrt(x * x + z * z)) * degrees);
    }
}
