using System.Numerics;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// EG3D's element-wise activations over whole spans (a ray's hidden units, colours or intervals at once), in
/// <see cref="Vector{T}"/> lanes with float exp and log1p of our own: the BCL's scalar <c>MathF.Exp</c>/<c>Log</c> per
/// element cost more than the decoder's first layer. A tail shorter than a vector is padded into one vector, so every
/// element goes through the same polynomial whatever its position or the span's length (a ray's colour never depends
/// on how many samples it has). Relative error below 1e-6 (<c>VectorActivationsTests</c>); a shader may simply use its
/// exp and log. Without SIMD hardware <see cref="Vector{T}"/> falls back to scalar code with the same results.
/// </summary>
internal static class VectorActivations
{
    /// <summary>
    /// EG3D's OSG decoder colour margin ε: colour = sigmoid(x) · (1 + 2ε) − ε, so 0 and 1 are reachable (sigmoid alone
    /// never gets there).
    /// </summary>
    public const float ColourMargin = 0.001f;

    /// <summary>In place, log(1 + eˣ) as max(x, 0) + log1p(e^−|x|): exact for large x, no overflow.</summary>
    public static void Softplus(Span<float> values) => Apply<SoftplusLanes>(values);

    /// <summary>In place, EG3D's colour: sigmoid(x) · (1 + 2ε) − ε with ε = <see cref="ColourMargin"/>.</summary>
    public static void Colour(Span<float> values) => Apply<ColourLanes>(values);

    /// <summary>Softplus of one vector's lanes (<see cref="Softplus(Span{float})"/>'s formula).</summary>
    public static Vector<float> Softplus(Vector<float> x) => SoftplusLanes.Apply(x);

    /// <summary>EG3D's colour of one vector's lanes (<see cref="Colour(Span{float})"/>'s formula).</summary>
    public static Vector<float> Colour(Vector<float> x) => ColourLanes.Apply(x);

    /// <summary>In place, 1 − eʸ for y ≤ 0: opacity α = 1 − exp(−σδ) from −σδ.</summary>
    public static void OneMinusExp(Span<float> values) => Apply<OneMinusExpLanes>(values);

    private interface ILanes
    {
        static abstract Vector<float> Apply(Vector<float> x);
    }

    /// <summary>Runs <typeparamref name="TLanes"/> (a struct, so the JIT inlines it) over whole vectors, then the padded tail.</summary>
    private static void Apply<TLanes>(Span<float> values) where TLanes : struct, ILanes
    {
        int width = Vector<float>.Count;
        int i = 0;
        for (; i + width <= values.Length; i += width)
        {
            TLanes.Apply(new Vector<float>(values[i..])).CopyTo(values[i..]);
        }
        if (i < values.Length)
        {
            Span<float> lanes = stackalloc float[width];
            lanes.Clear();
            values[i..].CopyTo(lanes);
            TLanes.Apply(new Vector<float>(lanes)).CopyTo(lanes);
            lanes[..(values.Length - i)].CopyTo(values[i..]);
        }
    }

    /// <summary>
    /// max(x, 0) + log1p(t) with t = e^−|x| ∈ (0, 1]; log1p(t) = 2·atanh(s) with s = t / (2 + t) ∈ (0, 1/3], by the odd
    /// series to s¹¹ — no 1 + t is ever formed, so tiny t keep their precision.
    /// </summary>
    private readonly struct SoftplusLanes : ILanes
    {
        public static Vector<float> Apply(Vector<float> x)
        {
            var t = ExpOfNonPositive(-Vector.Abs(x));
            var s = t / (new Vector<float>(2f) + t);
            return Vector.Max(x, Vector<float>.Zero) + 2f * s * OddAtanhSeries(s * s);
        }
    }

    /// <summary>sigmoid(x) from t = e^−|x| ≤ 1: 1 / (1 + t) for x ≥ 0, t / (1 + t) below, so e^|x| never overflows.</summary>
    private readonly struct ColourLanes : ILanes
    {
        public static Vector<float> Apply(Vector<float> x)
        {
            var t = ExpOfNonPositive(-Vector.Abs(x));
            var inverse = Vector<float>.One / (Vector<float>.One + t);
            var sigmoid = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(x, Vector<float>.Zero), inverse, t * inverse);
            return Vector.MultiplyAddEstimate(sigmoid, new Vector<float>(1f + 2f * ColourMargin), new Vector<float>(-ColourMargin));
        }
    }

    private readonly struct OneMinusExpLanes : ILanes
    {
        public static Vector<float> Apply(Vector<float> y) => Vector<float>.One - ExpOfNonPositive(y);
    }

    /// <summary>
    /// eʸ for y ≤ 0 as 2ⁿ · eʳ: n = round(y / ln 2), r = y − n·ln 2 with ln 2 split hi/lo as Cody &amp; Waite, eʳ by its
    /// degree-6 Taylor polynomial on |r| ≤ ln 2 / 2. Below −87 the result would be denormal, and it is clamped there
    /// (e⁻⁸⁷ ≈ 1.6e-38).
    /// </summary>
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
