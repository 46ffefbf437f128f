using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Scenes;

/// <summary>
/// Triplanes written from closed-form fields: one channel per plane, each texel holding a function of the world
/// coordinates (u, v) of its centre (grid_sample's align_corners=False centres: (i + 0.5) / R across the box).
/// Each shape's fields sum to s(p) + <see cref="Margin"/>, s > 0 inside; <see cref="OccupancyDecoder"/> subtracts the
/// margin again, so the surface is exactly s = 0 while zero (padded) features read as empty.
/// </summary>
internal static class AnalyticTriplanes
{
    public const int Resolution = 128;

    /// <summary>Offset between "zero features" and "on the surface", so that padding outside the planes is empty.</summary>
    public const float Margin = 1e-3f;

    /// <summary>Occupancy of a sphere: r² − |p − c|² split as XY: r² + margin − (x−cx)² − (y−cy)², XZ: −(z−cz)², ZX: 0.</summary>
    public static Triplanes Sphere(float radius, (float X, float Y, float Z) centre, float boxWarp = 1f) => FromFields(boxWarp,
        (x, y) => radius * radius + Margin - Square(x - centre.X) - Square(y - centre.Y),
        (_, z) => -Square(z - centre.Z),
        (_, _) => 0f);

    /// <summary>Occupancy of the slab |z − centreZ| &lt; halfThickness, carried by the XZ plane alone.</summary>
    public static Triplanes Slab(float centreZ, float halfThickness, float boxWarp = 1f) => FromFields(boxWarp,
        (_, _) => 0f,
        (_, z) => halfThickness + Margin - MathF.Abs(z - centreZ),
        (_, _) => 0f);

    /// <summary>
    /// A card facing the front camera: occupancy <see cref="DiscRimSteepness"/> · (r² − x² − y²) + (h − |z − centreZ|),
    /// a disc of radius r and thickness 2h whose rim bulges only to √(r² + h / steepness) at z = centreZ: a blunt edge
    /// (thicker than a march step), so every sampler finds the same silhouette from nearby viewpoints.
    /// </summary>
    public static Triplanes Disc(float radius, float centreZ, float halfThickness, float boxWarp = 1f) => FromFields(boxWarp,
        (x, y) => DiscRimSteepness * (radius * radius - x * x - y * y) + Margin,
        (_, z) => halfThickness - MathF.Abs(z - centreZ),
        (_, _) => 0f);

    private const float DiscRimSteepness = 20f;

    public static Triplanes Empty() => new(Layout);

    public static TriplaneLayout Layout { get; } = new(1, Resolution, PlaneAxes.Eg3d);

    /// <summary>Fields in EG3D's plane order XY (u = x, v = y), XZ (u = x, v = z), ZX (u = z, v = x).</summary>
    private static Triplanes FromFields(float boxWarp, params Func<float, float, float>[] fields)
    {
        var planes = new Triplanes(Layout);
        for (int plane = 0; plane < fields.Length; plane++)
        {
            var channel = planes.Channel(plane, 0);
            for (int row = 0; row < Resolution; row++)
            {
                for (int column = 0; column < Resolution; column++)
                {
                    channel[row * Resolution + column] = fields[plane](TexelCentre(column, boxWarp), TexelCentre(row, boxWarp));
                }
            }
        }
        return planes;
    }

    /// <summary>World coordinate of texel i's centre.</summary>
    public static float TexelCentre(int i, float boxWarp) => ((i + 0.5f) / Resolution * 2f - 1f) * boxWarp * 0.5f;

    private static float Square(float x) => x * x;
}
