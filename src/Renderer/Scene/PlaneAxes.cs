namespace PortraitStream.Renderer.Scene;

/// <summary>A world axis. World convention (EG3D): right-handed, y up, the default camera on +z looking at −z.</summary>
public enum Axis { X = 0, Y = 1, Z = 2 }

/// <summary>
/// The two world axes a triplane plane spans: a point p projects to (u, v) = (p[U], p[V]); u indexes the plane's
/// width (columns), v its height (rows), as in <c>grid_sample</c>. EG3D's checkpoints use XY, XZ and ZX — its
/// <c>generate_planes</c> meant YZ for the third plane but projects on ZX, and trained weights depend on that — so
/// the axes are a declared field of the bundle, never assumed.
/// </summary>
public readonly record struct PlaneAxes(Axis U, Axis V)
{
    public static readonly PlaneAxes XY = new(Axis.X, Axis.Y);
    public static readonly PlaneAxes XZ = new(Axis.X, Axis.Z);
    public static readonly PlaneAxes ZX = new(Axis.Z, Axis.X);

    /// <summary>EG3D's plane order, as its checkpoints expect it.</summary>
    public static IReadOnlyList<PlaneAxes> Eg3d { get; } = [XY, XZ, ZX];

    /// <summary>Parses a two-letter name such as "xy" or "ZX".</summary>
    public static bool TryParse(string? text, out PlaneAxes axes)
    {
        axes = default;
        if (text is not { Length: 2 } || !TryAxis(text[0], out var u) || !TryAxis(text[1], out var v) || u == v)
        {
            return false;
        }
        axes = new PlaneAxes(u, v);
        return true;
    }

    public override string ToString() => $"{U}{V}".ToLowerInvariant();

    private static bool TryAxis(char c, out Axis axis)
    {
        axis = char.ToLowerInvariant(c) switch { 'x' => Axis.X, 'y' => Axis.Y, 'z' => Axis.Z, _ => (Axis)(-1) };
        return axis >= Axis.X;
    }
}
