using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>How the default camera saw relief v2's front surface: its normal from the surface's slopes, and how head-on.</summary>
internal sealed class SurfaceVisibility(OnnxGraph graph, ReliefOptions options)
{
    /// <summary>The unit normal of the front surface z = front(x, y), pointing toward +z.</summary>
    public (GraphValue X, GraphValue Y, GraphValue Z) Normal(GraphValue front)
    {
        var (gx, gy) = Slopes(front);
        var length = (gx.Square() + gy.Square() + 1f).Unary("Sqrt");
        return (-gx / length, -gy / length, 1f / length);
    }

    /// <summary>Cosine between the surface normal at a point and the direction from it to the default camera (0, 0, radius).</summary>
    public GraphValue HeadOn(GraphValue px, GraphValue py, GraphValue pz, GraphValue nx, GraphValue ny, GraphValue nz)
    {
        var (vx, vy, vz) = (-px, -py, options.CameraRadius - pz);
        var length = (vx.Square() + vy.Square() + vz.Square()).Unary("Sqrt");
        return (nx * vx + ny * vy + nz * vz) / length;
    }

    /// <summary>∂front/∂x and ∂front/∂y by central differences over one texel either side (zero at the plane's border).</summary>
    private (GraphValue Dx, GraphValue Dy) Slopes(GraphValue front)
    {
        var twoTexels = 2f * options.BoxWarp / options.Resolution;
        GraphValue Difference(long[] shape, long[] pads) => graph.Op("Conv", [front, graph.Tensor([-1f / twoTexels, 0f, 1f / twoTexels], shape)],
            new OnnxGraph.Attribute("pads", Ints: pads));
        // Columns run along x, rows along y (texel centres ascending in both).
        return (Difference([1, 1, 1, 3], [0, 1, 0, 1]), Difference([1, 1, 3, 1], [1, 0, 1, 0]));
    }
}
