using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// Relief v2's front surface as the default camera saw it, for the fills that recolour what it saw badly: the surface
/// point (x, y, <see cref="Depth"/>) and <see cref="Seen"/>, the cosine between its normal and the direction to the
/// camera (1 head-on, 0 edge-on). Built once per graph by <see cref="SurfaceVisibility"/>.
/// </summary>
internal sealed record FrontSurface(GraphValue X, GraphValue Y, GraphValue Depth, GraphValue Seen)
{
    /// <summary>Cosine below which a surface counts as seen edge-on (≈ 60° from head-on); fully so 0.25 below.</summary>
    private const float Grazing = 0.5f;

    private const float Slope = 4f;

    /// <summary>How far the camera saw the surface edge-on: 0 up to about 60° from head-on, 1 beyond about 75°.</summary>
    public GraphValue EdgeOn() => ((Grazing - Seen) * Slope).Clip(0f, 1f);
}

/// <summary>How the default camera saw relief v2's front surface: its normal from the surface's slopes, and how head-on.</summary>
internal sealed class SurfaceVisibility(OnnxGraph graph, ReliefOptions options)
{
    /// <summary>The front surface z = <paramref name="front"/>(x, y) over the texel grid, with its normal and how head-on the camera saw it.</summary>
    public FrontSurface Of(GraphValue x, GraphValue y, GraphValue front)
    {
        var normal = Normal(front);
        return new FrontSurface(x, y, front, HeadOn(x, y, front, normal.X, normal.Y, normal.Z));
    }

    /// <summary>The unit normal of the front surface z = front(x, y), pointing toward +z.</summary>
    private (GraphValue X, GraphValue Y, GraphValue Z) Normal(GraphValue front)
    {
        var (gx, gy) = Slopes(front);
        var length = (gx.Square() + gy.Square() + 1f).Unary("Sqrt");
        return (-gx / length, -gy / length, 1f / length);
    }

    /// <summary>Cosine between the surface normal at a point and the direction from it to the default camera (0, 0, radius).</summary>
    private GraphValue HeadOn(GraphValue px, GraphValue py, GraphValue pz, GraphValue nx, GraphValue ny, GraphValue nz)
    {
        var (vx, vy, vz) = (-px, -py, options.CameraRadius - pz);
        var length = (vx.Square() + vy.Square() + vz.Square()).Unary("Sqrt");
        return (nx * vx + ny * vy + nz * vz) / length;
    }

    /// <summary>
    /// ∂front/∂x and ∂front/∂y by central differences over one texel either side (zero beyond the plane's border), as
    /// shifted copies subtracted (<see cref="ReliefGraph.Neighbours"/>).
    /// </summary>
    private (GraphValue Dx, GraphValue Dy) Slopes(GraphValue front)
    {
        var perTwoTexels = options.Resolution / (2f * options.BoxWarp);
        GraphValue Difference(long axis)
        {
            var (before, after) = ReliefGraph.Neighbours(graph, front, axis, options.Resolution, "constant");
            return (after - before) * perTwoTexels;
        }
        // Columns run along x (axis 3), rows along y (axis 2), texel centres ascending in both.
        return (Difference(3), Difference(2));
    }
}
