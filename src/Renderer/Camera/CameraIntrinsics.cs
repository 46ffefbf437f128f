using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Camera;

/// <summary>
/// Pinhole intrinsics with EG3D's normalised focal length: <see cref="Focal"/> is the focal length divided by the
/// image height (EG3D renders square images, where it is the usual fraction of the side); principal point at the
/// image centre, square pixels, no skew.
/// </summary>
public readonly record struct CameraIntrinsics(float Focal)
{
    /// <summary>
    /// The model's focal length, or one from <see cref="CameraView.FovDegrees"/> read as a diagonal field of view as
    /// EG3D's <c>FOV_to_intrinsics</c> does: f = 1 / (√2 · tan(fov / 2)), so 18.837° gives ≈ 4.2647.
    /// </summary>
    public static CameraIntrinsics For(CameraView view, RenderingConfig rendering)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        if (view.FovDegrees <= 0f)
        {
            return new CameraIntrinsics(rendering.FocalLength);
        }
        float halfFov = view.FovDegrees * (MathF.PI / 360f);
        return new CameraIntrinsics(1f / (MathF.Sqrt(2f) * MathF.Tan(halfFov)));
    }

    /// <summary>
    /// Camera-space direction (x right, y down, z = 1) through the centre of pixel (x, y) of a width × height image;
    /// EG3D's ray sampler lifts (i + 0.5) / resolution the same way.
    /// </summary>
    public System.Numerics.Vector3 Lift(int x, int y, int width, int height) => Lift(x + 0.5f, y + 0.5f, width, height);

    /// <summary>
    /// Camera-space direction through the continuous image point (<paramref name="px"/>, <paramref name="py"/>), in
    /// pixels from the image's top-left corner (pixel (x, y) spans [x, x + 1) × [y, y + 1)).
    /// </summary>
    public System.Numerics.Vector3 Lift(float px, float py, int width, int height)
    {
        float focalPixels = Focal * height;
        return new System.Numerics.Vector3(
            (px - 0.5f * width) / focalPixels,
            (py - 0.5f * height) / focalPixels,
            1f);
    }
}
