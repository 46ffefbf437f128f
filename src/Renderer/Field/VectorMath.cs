using System.Numerics;
using System.Runtime.Intrinsics;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// The SIMD loops of the field query and the decoder, over <see cref="Vector{T}"/>, then one 4-lane
/// <see cref="Vector128{T}"/> step (a relief field's 4 channels and hidden units fit no 8-lane vector), then a scalar
/// tail, so any channel or hidden width works. Every lane and the tail accumulate in the same order with fused
/// multiply-adds, so a value does not depend on which of the three computed it. Accumulators stay in registers across the inner loop: these run once per sample, tens of
/// millions of times a frame. Results are deterministic on one machine; they may differ in the last bits between
/// instruction sets, which is why renderers are compared with tolerances, not bytes.
/// </summary>
internal static class VectorMath
{
    /// <summary>destination[c] = scale · Σₜ weights[t] · source[offsets[t] + c], for c in [0, destination.Length).</summary>
    public static void WeightedSum(ReadOnlySpan<float> source, ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, float scale, Span<float> destination)
    {
        int width = Vector<float>.Count;
        int c = 0;
        for (; c + width <= destination.Length; c += width)
        {
            var sum = Vector<float>.Zero;
            for (int t = 0; t < offsets.Length; t++)
            {
                sum = Vector.MultiplyAddEstimate(new Vector<float>(source.Slice(offsets[t] + c, width)), new Vector<float>(weights[t]), sum);
            }
            (sum * scale).CopyTo(destination[c..]);
        }
        if (Vector128.IsHardwareAccelerated && c + 4 <= destination.Length)
        {
            var sum = Vector128<float>.Zero;
            for (int t = 0; t < offsets.Length; t++)
            {
                sum = Vector128.MultiplyAddEstimate(Vector128.Create(source.Slice(offsets[t] + c, 4)), Vector128.Create(weights[t]), sum);
            }
            (sum * scale).CopyTo(destination[c..]);
            c += 4;
        }
        for (; c < destination.Length; c++)
        {
            float sum = 0f;
            for (int t = 0; t < offsets.Length; t++)
            {
                sum = MathF.FusedMultiplyAdd(source[offsets[t] + c], weights[t], sum);
            }
            destination[c] = sum * scale;
        }
    }

    /// <summary>
    /// output = bias + Wᵀ·x, with <paramref name="transposedWeights"/> laid out [inputs, outputs] (row i holds input i's
    /// weight to every output). Four vectors of outputs are accumulated at a time, in registers, over all inputs.
    /// </summary>
    public static void AffineTransposed(ReadOnlySpan<float> x, ReadOnlySpan<float> transposedWeights, ReadOnlySpan<float> bias, Span<float> output)
    {
        int width = Vector<float>.Count;
        int outputs = output.Length;
        int o = 0;
        for (; o + 4 * width <= outputs; o += 4 * width)
        {
            var a0 = new Vector<float>(bias[o..]);
            var a1 = new Vector<float>(bias[(o + width)..]);
            var a2 = new Vector<float>(bias[(o + 2 * width)..]);
            var a3 = new Vector<float>(bias[(o + 3 * width)..]);
            for (int i = 0; i < x.Length; i++)
            {
                var s = new Vector<float>(x[i]);
                var row = transposedWeights.Slice(i * outputs + o, 4 * width);
                a0 = Vector.MultiplyAddEstimate(new Vector<float>(row), s, a0);
                a1 = Vector.MultiplyAddEstimate(new Vector<float>(row[width..]), s, a1);
                a2 = Vector.MultiplyAddEstimate(new Vector<float>(row[(2 * width)..]), s, a2);
                a3 = Vector.MultiplyAddEstimate(new Vector<float>(row[(3 * width)..]), s, a3);
            }
            a0.CopyTo(output[o..]);
            a1.CopyTo(output[(o + width)..]);
            a2.CopyTo(output[(o + 2 * width)..]);
            a3.CopyTo(output[(o + 3 * width)..]);
        }
        for (; o + width <= outputs; o += width)
        {
            var a = new Vector<float>(bias[o..]);
            for (int i = 0; i < x.Length; i++)
            {
                a = Vector.MultiplyAddEstimate(new Vector<float>(transposedWeights.Slice(i * outputs + o, width)), new Vector<float>(x[i]), a);
            }
            a.CopyTo(output[o..]);
        }
        if (Vector128.IsHardwareAccelerated && o + 4 <= outputs)
        {
            var a = Vector128.Create(bias.Slice(o, 4));
            for (int i = 0; i < x.Length; i++)
            {
                a = Vector128.MultiplyAddEstimate(Vector128.Create(transposedWeights.Slice(i * outputs + o, 4)), Vector128.Create(x[i]), a);
            }
            a.CopyTo(output[o..]);
            o += 4;
        }
        for (; o < outputs; o++)
        {
            float a = bias[o];
            for (int i = 0; i < x.Length; i++)
            {
                a = MathF.FusedMultiplyAdd(transposedWeights[i * outputs + o], x[i], a);
            }
            output[o] = a;
        }
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int width = Vector<float>.Count;
        var sum = Vector<float>.Zero;
        int i = 0;
        for (; i + width <= a.Length; i += width)
        {
            sum = Vector.MultiplyAddEstimate(new Vector<float>(a[i..]), new Vector<float>(b[i..]), sum);
        }
        float total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            total = MathF.FusedMultiplyAdd(a[i], b[i], total);
        }
        return total;
    }
}
