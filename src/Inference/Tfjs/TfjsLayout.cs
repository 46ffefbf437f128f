using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Tfjs;

/// <summary>
/// TensorFlow's NHWC / HWIO layouts against ONNX's NCHW / OIHW: axis maps, and constants re-laid on the host so the
/// graph carries no Transpose for them.
/// </summary>
internal static class TfjsLayout
{
    public static readonly long[] NhwcToNchw = [0, 3, 1, 2];
    public static readonly long[] NchwToNhwc = [0, 2, 3, 1];

    /// <summary>An NHWC axis (negative counts from the end) as the NCHW axis it became.</summary>
    public static long NchwAxis(long nhwcAxis) => (nhwcAxis < 0 ? nhwcAxis + 4 : nhwcAxis) switch
    {
        0 => 0, 1 => 2, 2 => 3, 3 => 1,
        var a => throw new NotSupportedException($"axis {a} of a 4-D tensor"),
    };

    /// <summary>
    /// A constant that meets an activation of rank <paramref name="rank"/> in a broadcasting op: numpy broadcasting
    /// aligns trailing axes, so the constant is first widened to rank 4 with leading ones (as TensorFlow would see it
    /// against an NHWC tensor), then permuted to NCHW. Lower ranks are used as they are.
    /// </summary>
    public static GraphValue Broadcastable(OnnxGraph graph, TfjsTensor constant, int rank)
    {
        if (rank != 4 || constant.Rank == 0)
        {
            return graph.Tensor(constant.Values, ToLongs(constant.Shape));
        }
        if (constant.Rank > 4)
        {
            throw new NotSupportedException($"a rank-{constant.Rank} constant against a 4-D tensor");
        }
        var shape = Enumerable.Repeat(1, 4 - constant.Rank).Concat(constant.Shape).ToArray();
        return graph.Tensor(NhwcToNchwData(constant.Values, shape), shape[0], shape[3], shape[1], shape[2]);
    }

    /// <summary>A Conv2D filter, HWIO [kh, kw, in, out], as ONNX Conv's OIHW [out, in, kh, kw].</summary>
    public static GraphValue ConvFilter(OnnxGraph graph, TfjsTensor filter)
    {
        var (kh, kw, cin, cout) = Dims(filter);
        var w = new float[filter.Values.Length];
        for (var y = 0; y < kh; y++)
        for (var x = 0; x < kw; x++)
        for (var i = 0; i < cin; i++)
        for (var o = 0; o < cout; o++)
        {
            w[((o * cin + i) * kh + y) * kw + x] = filter.Values[((y * kw + x) * cin + i) * cout + o];
        }
        return graph.Tensor(w, cout, cin, kh, kw);
    }

    /// <summary>
    /// A depthwise filter, [kh, kw, in, multiplier], as a grouped Conv's [in·multiplier, 1, kh, kw] with group = in:
    /// TensorFlow numbers output channel i·multiplier + m, which is exactly group i's m-th output in ONNX.
    /// </summary>
    public static GraphValue DepthwiseFilter(OnnxGraph graph, TfjsTensor filter)
    {
        var (kh, kw, cin, multiplier) = Dims(filter);
        var w = new float[filter.Values.Length];
        for (var y = 0; y < kh; y++)
        for (var x = 0; x < kw; x++)
        for (var i = 0; i < cin; i++)
        for (var m = 0; m < multiplier; m++)
        {
            w[((i * multiplier + m) * kh + y) * kw + x] = filter.Values[((y * kw + x) * cin + i) * multiplier + m];
        }
        return graph.Tensor(w, cin * multiplier, 1, kh, kw);
    }

    /// <summary>
    /// A Conv2DBackpropInput filter, [kh, kw, out, in] (the forward convolution's HWIO, read backwards), as ONNX
    /// ConvTranspose's [in, out, kh, kw].
    /// </summary>
    public static GraphValue TransposedConvFilter(OnnxGraph graph, TfjsTensor filter)
    {
        var (kh, kw, cout, cin) = Dims(filter);
        var w = new float[filter.Values.Length];
        for (var y = 0; y < kh; y++)
        for (var x = 0; x < kw; x++)
        for (var o = 0; o < cout; o++)
        for (var i = 0; i < cin; i++)
        {
            w[((i * cout + o) * kh + y) * kw + x] = filter.Values[((y * kw + x) * cout + o) * cin + i];
        }
        return graph.Tensor(w, cin, cout, kh, kw);
    }

    public static long[] ToLongs(int[] values) => Array.ConvertAll(values, v => (long)v);

    private static (int, int, int, int) Dims(TfjsTensor filter) => filter.Rank == 4
        ? (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3])
        : throw new NotSupportedException($"a rank-{filter.Rank} convolution filter");

    private static float[] NhwcToNchwData(float[] values, int[] shape)
    {
        var (n, h, w, c) = (shape[0], shape[1], shape[2], shape[3]);
        var result = new float[values.Length];
        for (var b = 0; b < n; b++)
        for (var y = 0; y < h; y++)
        for (var x = 0; x < w; x++)
        for (var k = 0; k < c; k++)
        {
            result[((b * c + k) * h + y) * w + x] = values[((b * h + y) * w + x) * c + k];
        }
        return result;
    }
}
