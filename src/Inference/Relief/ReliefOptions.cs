namespace PortraitStream.Inference.Relief;

/// <summary>
/// Settings of the generated relief bundle. World units and camera are EG3D's (see <see cref="Triplanes.RenderingConfig"/>):
/// y up, the default camera on +z at <see cref="CameraRadius"/> looking down −z, focal length normalised by the image side.
/// </summary>
public sealed record ReliefOptions
{
    /// <summary>Side of the square aligned crop the encoder takes (pixels).</summary>
    public int ImageSize { get; init; } = 256;

    /// <summary>
    /// Triplane resolution. 256 puts ~150 texels across the crop's footprint at face depth (a 256-pixel crop spans
    /// ~0.6 world units there): colour detail close to the crop's own at a quarter of 512²'s encoder and memory cost.
    /// </summary>
    public int Resolution { get; init; } = 256;

    public float BoxWarp { get; init; } = 1f;
    public float CameraRadius { get; init; } = 2.7f;
    public float FocalLength { get; init; } = 4.2647f;

    /// <summary>Depth (world z) of the plane the keypoints are lifted onto: roughly the eyes and cheeks.</summary>
    public float FacePlaneZ { get; init; } = 0.15f;

    /// <summary>World z of the background plane, behind the head yet inside the box and the ray range.</summary>
    public float BackgroundZ { get; init; } = -0.35f;

    /// <summary>
    /// Density slope behind the surface (per world unit of depth, per world unit): the optical depth reaches 5
    /// about √(10 / slope) ≈ 0.014 units behind the surface, so the relief renders as a solid skin.
    /// </summary>
    public float Sharpness { get; init; } = 5e4f;

    public static ReliefOptions Default { get; } = new();
}
