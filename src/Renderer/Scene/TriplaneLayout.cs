namespace PortraitStream.Renderer.Scene;

/// <summary>
/// Shape of an encoder's triplane output, [Planes, Channels, Resolution, Resolution] in NCHW order, with the world
/// axes of each plane. EG3D FFHQ: 3 × 32 × 256 × 256, axes XY, XZ, ZX.
/// </summary>
public sealed record TriplaneLayout(int Channels, int Resolution, IReadOnlyList<PlaneAxes> Axes)
{
    public int Planes => Axes.Count;

    /// <summary>Floats in one plane (C × R × R).</summary>
    public int PlaneLength => Channels * Resolution * Resolution;

    /// <summary>Floats in all planes.</summary>
    public int Length => Planes * PlaneLength;

    public static TriplaneLayout Eg3dFfhq { get; } = new(32, 256, PlaneAxes.Eg3d);
}
