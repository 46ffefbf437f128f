using System.Numerics;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Camera;

/// <summary>
/// One frame's camera: pose, intrinsics and image size (pixels), plus the depth range [<see cref="Near"/>,
/// <see cref="Far"/>] (world units along each ray) that samples may cover before clipping to the box.
/// <see cref="PrincipalShiftPixels"/> moves the principal point right of the image centre (an off-axis frustum, as a
/// stereo eye uses: <see cref="StereoRig"/>); 0 for every mono camera.
/// </summary>
public readonly record struct PinholeCamera(CameraPose Pose, CameraIntrinsics Intrinsics, int Width, int Height, float Near, float Far,
    float PrincipalShiftPixels = 0f)
{
    /// <summary>
    /// EG3D's ray_start/ray_end (2.25, 3.3) are distances from a camera at radius 2.7, i.e. a fixed slab around the
    /// head. Zoom moves the camera, so the range moves with it by (radius − CameraRadius); otherwise zooming in would
    /// push the head in front of the near bound. Near never goes behind the camera.
    /// </summary>
    public static PinholeCamera For(CameraView view, RenderingConfig rendering, int width, int height)
    {
        var pose = CameraPose.LookAt(view, rendering);
        float shift = pose.Origin.Length() - rendering.CameraRadius;
        return new PinholeCamera(pose, CameraIntrinsics.For(view, rendering), width, height,
            MathF.Max(rendering.RayNear + shift, 0f), rendering.RayFar + shift);
    }

    /// <summary>The ray through the centre of pixel (x, y); x grows right, y grows down, as in the output image.</summary>
    public Ray PixelRay(int x, int y) => PointRay(x + 0.5f, y + 0.5f);

    /// <summary>The ray through the continuous image point (px, py), pixels from the top-left corner.</summary>
    public Ray PointRay(float px, float py)
    {
        var direction = Pose.ToWorld(Intrinsics.Lift(px - PrincipalShiftPixels, py, Width, Height));
        return new Ray(Pose.Origin, Vector3.Normalize(direction));
    }

    /// <summary>
    /// Where <paramref name="world"/> appears: the continuous image point (<paramref name="px"/>, <paramref name="py"/>),
    /// pixels from the top-left corner, the inverse of <see cref="PointRay"/>. False for a point not in front of the
    /// camera (no image point).
    /// </summary>
    public bool TryProject(Vector3 world, out float px, out float py)
    {
        var offset = world - Pose.Origin;
        var depth = Vector3.Dot(offset, Pose.Forward);
        if (!(depth > MinProjectDepth))
        {
            (px, py) = (0f, 0f);
            return false;
        }
        px = FocalPixels * Vector3.Dot(offset, Pose.Right) / depth + PrincipalX;
        py = FocalPixels * Vector3.Dot(offset, Pose.Down) / depth + 0.5f * Height;
        return true;
    }

    /// <summary>Nearest depth (world units along the viewing axis) at which a point still projects.</summary>
    public const float MinProjectDepth = 1e-6f;

    /// <summary>Image x (pixels from the left edge) of the principal point, where the viewing axis meets the image.</summary>
    public float PrincipalX => 0.5f * Width + PrincipalShiftPixels;

    /// <summary>Focal length in pixels (EG3D's normalised focal × image height).</summary>
    public float FocalPixels => Intrinsics.Focal * Height;
}
