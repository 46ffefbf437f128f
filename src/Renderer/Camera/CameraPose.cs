using System.Numerics;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Camera;

/// <summary>
/// cam2world in EG3D's OpenCV camera convention: camera x = <see cref="Right"/>, y = <see cref="Down"/>,
/// z = <see cref="Forward"/> (the viewing direction), all unit world vectors; <see cref="Origin"/> is the camera centre
/// in world units. World: right-handed, y up, the default camera on +z looking toward −z.
/// </summary>
public readonly record struct CameraPose(Vector3 Origin, Vector3 Right, Vector3 Down, Vector3 Forward)
{
    /// <summary>
    /// EG3D's <c>LookAtPoseSampler</c> + <c>create_cam2world_matrix</c>: the camera sits on a sphere of radius
    /// <c>CameraRadius / Zoom</c> around the world origin and looks at <c>RenderingConfig.LookAt</c>, with world +y as up.
    /// One deliberate difference: EG3D maps its vertical parameter v through φ = arccos(1 − 2v/π) (uniform sampling on
    /// the sphere), so its "pitch" is not an angle; here pitch is the true elevation, φ = 90° − pitch.
    /// Roll then turns right/down about the forward axis.
    /// </summary>
    public static CameraPose LookAt(CameraView view, RenderingConfig rendering)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        view.Validate();
        float radius = rendering.CameraRadius / view.Zoom;
        float yaw = DegreesToRadians(view.YawDegrees);
        float pitch = DegreesToRadians(view.PitchDegrees);
        // EG3D: origin = r·(sinφ·cos(π − θ), cosφ, sinφ·sin(π − θ)) with θ = π/2 + yaw, φ = π/2 − pitch.
        var origin = radius * new Vector3(MathF.Cos(pitch) * MathF.Sin(yaw), MathF.Sin(pitch), MathF.Cos(pitch) * MathF.Cos(yaw));
        var lookAt = new Vector3(rendering.LookAt.X, rendering.LookAt.Y, rendering.LookAt.Z);
        if (Vector3.Distance(lookAt, origin) < MinLookDistance)
        {
            throw new ArgumentException($"camera view: at zoom {view.Zoom} the camera sits on its look-at point");
        }
        var forward = Vector3.Normalize(lookAt - origin);
        // create_cam2world_matrix: right = −normalize(up × forward), then its "up" column = normalize(forward × right),
        // which points down on screen: that is OpenCV's +y.
        var right = -Vector3.Normalize(Vector3.Cross(Vector3.UnitY, forward));
        var down = Vector3.Normalize(Vector3.Cross(forward, right));
        float roll = DegreesToRadians(view.RollDegrees);
        var (sin, cos) = MathF.SinCos(roll);
        // Rotating the camera's x/y axes by +roll about forward turns what it sees by −roll: counter-clockwise on a
        // y-down screen, as CameraView documents.
        var rolledRight = cos * right + sin * down;
        var rolledDown = cos * down - sin * right;
        return new CameraPose(origin, rolledRight, rolledDown, forward);
    }

    /// <summary>Closest the camera may come to its look-at point (world units) and still have a viewing direction.</summary>
    private const float MinLookDistance = 1e-3f;

    /// <summary>Camera-space vector (x right, y down, z forward) to world space.</summary>
    public Vector3 ToWorld(Vector3 camera) => camera.X * Right + camera.Y * Down + camera.Z * Forward;

    private static float DegreesToRadians(float degrees) => degrees * (MathF.PI / 180f);
}
