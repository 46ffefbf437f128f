namespace PortraitStream.Renderer.Compositing;

/// <summary>
/// One ray's composite: premultiplied colour over black (R, G, B ≈ [0, 1]), <see cref="Opacity"/> = total weight in
/// [0, 1], and <see cref="Depth"/> (world units along the ray), or <see cref="BackgroundDepth"/> where nothing was hit.
/// </summary>
public readonly record struct CompositedRay(float R, float G, float B, float Depth, float Opacity)
{
    /// <summary>Depth of a ray with no weight: EG3D turns its 0/0 into +∞ before clamping; here it stays +∞.</summary>
    public const float BackgroundDepth = float.PositiveInfinity;

    public static CompositedRay Background { get; } = new(0f, 0f, 0f, BackgroundDepth, 0f);
}
