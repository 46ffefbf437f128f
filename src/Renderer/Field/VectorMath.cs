using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// The SIMD loops of the field query and the decoder, over <see cref="Vector{T}"/>, then one 4-lane
/// <see cref="Vector128{T}"/> step (a relief field's 4 channels and hidden units fit no 8-lane vector), then a scalar
/// tail, so any channel or hidden width works. Every lane and the tail accumulate in the same order with fused
/// multiply-adds, so a value does not depend on which of the three computed it. Accumulators stay in registers across
/// the inner loop: these run once per sample, tens of millions of times a frame. Results are deterministic on one machine; they may differ in the last bits between
/// instruction sets, which is why renderers are compared with tolerances, not bytes.
/// </summary>
internal static class VectorMath
{
    /// <summary>destination[c] = scale · Σₜ weights[t] · source[offsets[t] + c], for c in [0, destination.Length).</summary>
    public static void WeightedSum(ReadOnlySpan<float> source, ReadOnlySpan<int> offsets, ReadOnlySpan<float> weights, float scale, Span<float> destination)
    {
        int width = Vector<float>.Count;
        int c = 0;
        // Four vectors of channels per pass over the taps: each tap's offset and weight are read once for all four, and
        // the four sums are independent chains.
        for (; c + 4 * width <= destination.Length; c += 4 * width)
        {
            var (s0, s1, s2, s3) = (Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero, Vector<float>.Zero);
            for (int t = 0; t < offsets.Length; t++)
            {
                var texel = source.Slice(offsets[t] + c, 4 * width);
                var weight = new Vector<float>(weights[t]);
                s0 = Vector.MultiplyAddEstimate(new Vector<float>(texel), weight, s0);
                s1 = Vector.MultiplyAddEstimate(new Vector<float>(texel[width..]), weight, s1);
                s2 = Vector.MultiplyAddEstimate(new Vector<float>(texel[(2 * width)..]), weight, s2);
                s3 = Vector.MultiplyAddEstimate(new Vector<float>(texel[(3 * width)..]), weight, s3);
            }
            (s0 * scale).CopyTo(destination[c..]);
            (s1 * scale).CopyTo(destination[(c + width)..]);
            (s2 * scale).CopyTo(destination[(c + 2 * width)..]);
            (s3 * scale).CopyTo(destination[(c + 3 * width)..]);
        }
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
    /// output = bias + Wᵀ·x for a batch: <paramref name="x"/> holds N input vectors and <paramref name="output"/> N
    /// output vectors (N = output.Length / bias.Length), one after another; <paramref name="transposedWeights"/> is laid
    /// out [inputs, outputs] (row i holds input i's weight to every output). Samples go in pairs, four vectors of outputs
    /// each, so eight independent accumulators hide the fused multiply-add latency and every weight load serves both.
    /// </summary>
    public static void AffineTransposed(ReadOnlySpan<float> x, ReadOnlySpan<float> transposedWeights, ReadOnlySpan<float> bias, Span<float> output)
    {
        int outputs = bias.Length;
        int count = output.Length / outputs;
        int inputs = x.Length / count;
        for (int k = 0; k < count; k += 2)
        {
            // An odd last sample is paired with itself: the same values are written twice.
            int second = Math.Min(k + 1, count - 1);
            var x0 = x.Slice(k * inputs, inputs);
            var x1 = x.Slice(second * inputs, inputs);
            var out0 = output.Slice(k * outputs, outputs);
            var out1 = output.Slice(second * outputs, outputs);
            int o = PairedBlocks(x0, x1, transposedWeights, bias, out0, out1);
            Remainder(o, x0, transposedWeights, bias, out0);
            Remainder(o, x1, transposedWeights, bias, out1);
        }
    }

    /// <summary>The outputs in whole blocks of four vectors, for two samples; returns where the blocks end.</summary>
    private static int PairedBlocks(ReadOnlySpan<float> x0, ReadOnlySpan<float> x1, ReadOnlySpan<float> transposedWeights,
        ReadOnlySpan<float> bias, Span<float> out0, Span<float> out1)
    {
        int width = Vector<float>.Count;
        int outputs = bias.Length;
        int o = 0;
        for (; o + 4 * width <= outputs; o += 4 * width)
        {
            var a0 = new Vector<float>(bias[o..]);
            var a1 = new Vector<float>(bias[(o + width)..]);
            var a2 = new Vector<float>(bias[(o + 2 * width)..]);
            var a3 = new Vector<float>(bias[(o + 3 * width)..]);
            var (b0, b1, b2, b3) = (a0, a1, a2, a3);
            for (int i = 0; i < x0.Length; i++)
            {
                var s = new Vector<float>(x0[i]);
                var t = new Vector<float>(x1[i]);
                var row = transposedWeights.Slice(i * outputs + o, 4 * width);
                var w0 = new Vector<float>(row);
                var w1 = new Vector<float>(row[width..]);
                var w2 = new Vector<float>(row[(2 * width)..]);
                var w3 = new Vector<float>(row[(3 * width)..]);
                a0 = Vector.MultiplyAddEstimate(w0, s, a0);
                a1 = Vector.MultiplyAddEstimate(w1, s, a1);
                a2 = Vector.MultiplyAddEstimate(w2, s, a2);
                a3 = Vector.MultiplyAddEstimate(w3, s, a3);
                b0 = Vector.MultiplyAddEstimate(w0, t, b0);
                b1 = Vector.MultiplyAddEstimate(w1, t, b1);
                b2 = Vector.MultiplyAddEstimate(w2, t, b2);
                b3 = Vector.MultiplyAddEstimate(w3, t, b3);
            }
            a0.CopyTo(out0[o..]);
            a1.CopyTo(out0[(o + width)..]);
            a2.CopyTo(out0[(o + 2 * width)..]);
            a3.CopyTo(out0[(o + 3 * width)..]);
            b0.CopyTo(out1[o..]);
            b1.CopyTo(out1[(o + width)..]);
            b2.CopyTo(out1[(o + 2 * width)..]);
            b3.CopyTo(out1[(o + 3 * width)..]);
        }
        return o;
    }

    /// <summary>One sample's outputs from <paramref name="o"/> on: single vectors, a 4-lane step, then scalars.</summary>
    private static void Remainder(int o, ReadOnlySpan<float> x, ReadOnlySpan<float> transposedWeights, ReadOnlySpan<float> bias, Span<float> output)
    {
        int width = Vector<float>.Count;
        int outputs = output.Length;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int width = Vector<float>.Count;
        int i = 0;
        float total = 0f;
        // Spans shorter than a vector (a relief's 4 hidden units) skip the horizontal sum, which would only add zero.
        if (a.Length >= width)
        {
            var sum = Vector<float>.Zero;
            for (; i + width <= a.Length; i += width)
            {
                sum = Vector.MultiplyAddEstimate(new Vector<float>(a[i..]), new Vector<float>(b[i..]), sum);
            }
            total = Vector.Sum(sum);
        }
        for (; i < a.Length; i++)
        {
            total = MathF.FusedMultiplyAdd(a[i], b[i], total);
        }
        return total;
    }
}
