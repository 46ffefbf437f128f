using System.Numerics;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// The SIMD loops of the field query and the decoder, over <see cref="Vector{T}"/> with a scalar tail so any channel or
/// hidden width works. Accumulators stay in registers across the inner loop: these run once per sample, tens of
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

    /// <summary>
    /// In-place softplus, log(1 + eˣ) = max(x, 0) + log1p(t) with t = e^−|x| ∈ (0, 1], so nothing overflows and large x
    /// stay exact. The BCL's vector Exp and Log cost as much as the whole first layer, so both are done here in float:
    /// t = 2ⁿ · eʳ (n = round(y / ln 2), r = y − n·ln 2 with ln 2 split hi/lo as Cody &amp; Waite, eʳ by its degree-6
    /// Taylor polynomial on |r| ≤ ln 2 / 2), and log1p(t) = 2·atanh(s) with s = t / (2 + t) ∈ (0, 1/3], by the odd
    /// series to s¹¹ — no 1 + t is ever formed, so tiny t keep their precision. Relative error below 1e-6 for every x
    /// (<c>VectorMathTests</c>); a shader may simply use its exp and log.
    /// </summary>
    public static void Softplus(Span<float> values)
    {
        int width = Vector<float>.Count;
        int i = 0;
        for (; i + width <= values.Length; i += width)
        {
            var x = new Vector<float>(values[i..]);
            var t = ExpOfNonPositive(-Vector.Abs(x));
            var s = t / (new Vector<float>(2f) + t);
            (Vector.Max(x, Vector<float>.Zero) + 2f * s * OddAtanhSeries(s * s)).CopyTo(values[i..]);
        }
        for (; i < values.Length; i++)
        {
            values[i] = Activations.Softplus(values[i]);
        }
    }

    /// <summary>eʸ for y ≤ 0; below −87 the result would be denormal, and it is clamped there (e⁻⁸⁷ ≈ 1.6e-38).</summary>
    private static Vector<float> ExpOfNonPositive(Vector<float> y)
    {
        const float log2E = 1.44269504f, ln2Hi = 0.693145751953125f, ln2Lo = 1.428606765330187e-6f;
        y = Vector.Max(y, new Vector<float>(-87f));
        var n = Vector.Round(y * log2E);
        var r = Vector.MultiplyAddEstimate(n, new Vector<float>(-ln2Hi), y);
        r = Vector.MultiplyAddEstimate(n, new Vector<float>(-ln2Lo), r);
        var p = new Vector<float>(1f / 720f);
        p = Vector.MultiplyAddEstimate(p, r, new Vector<float>(1f / 120f));
        p = Vector.MultiplyAddEstimate(p, r, new Vector<float>(1f / 24f));
        p = Vector.MultiplyAddEstimate(p, r, new Vector<float>(1f / 6f));
        p = Vector.MultiplyAddEstimate(p, r, new Vector<float>(0.5f));
        p = Vector.MultiplyAddEstimate(p, r, Vector<float>.One);
        p = Vector.MultiplyAddEstimate(p, r, Vector<float>.One);
        // 2ⁿ built from its IEEE-754 bits: biased exponent n + 127 in bits 23…30.
        var twoToN = Vector.AsVectorSingle(Vector.ShiftLeft(Vector.ConvertToInt32(n) + new Vector<int>(127), 23));
        return p * twoToN;
    }

    /// <summary>atanh(s) / s = 1 + s²/3 + s⁴/5 + … + s¹⁰/11, by Horner in s².</summary>
    private static Vector<float> OddAtanhSeries(Vector<float> s2)
    {
        var q = new Vector<float>(1f / 11f);
        q = Vector.MultiplyAddEstimate(q, s2, new Vector<float>(1f / 9f));
        q = Vector.MultiplyAddEstimate(q, s2, new Vector<float>(1f / 7f));
        q = Vector.MultiplyAddEstimate(q, s2, new Vector<float>(1f / 5f));
        q = Vector.MultiplyAddEstimate(q, s2, new Vector<float>(1f / 3f));
        return Vector.MultiplyAddEstimate(q, s2, Vector<float>.One);
    }
}
