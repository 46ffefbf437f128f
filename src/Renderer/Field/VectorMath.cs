using System.Numerics;
using System.Runtime.InteropServices;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// The few SIMD loops the field query and decoder need, over <see cref="Vector{T}"/> with a scalar tail, so any
/// channel or hidden width works. Results are deterministic on one machine; they may differ in the last bits between
/// instruction sets, which is why renderers are compared with tolerances, not bytes.
/// </summary>
internal static class VectorMath
{
    /// <summary>accumulator += scale · values.</summary>
    public static void AddScaled(Span<float> accumulator, ReadOnlySpan<float> values, float scale)
    {
        var acc = MemoryMarshal.Cast<float, Vector<float>>(accumulator);
        var val = MemoryMarshal.Cast<float, Vector<float>>(values);
        var s = new Vector<float>(scale);
        for (int i = 0; i < acc.Length; i++)
        {
            acc[i] = Vector.MultiplyAddEstimate(val[i], s, acc[i]);
        }
        for (int i = acc.Length * Vector<float>.Count; i < accumulator.Length; i++)
        {
            accumulator[i] = MathF.FusedMultiplyAdd(values[i], scale, accumulator[i]);
        }
    }

    public static void Scale(Span<float> values, float scale)
    {
        var vec = MemoryMarshal.Cast<float, Vector<float>>(values);
        for (int i = 0; i < vec.Length; i++)
        {
            vec[i] *= scale;
        }
        for (int i = vec.Length * Vector<float>.Count; i < values.Length; i++)
        {
            values[i] *= scale;
        }
    }

    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sum = Vector<float>.Zero;
        for (int i = 0; i < va.Length; i++)
        {
            sum = Vector.MultiplyAddEstimate(va[i], vb[i], sum);
        }
        float total = Vector.Sum(sum);
        for (int i = va.Length * Vector<float>.Count; i < a.Length; i++)
        {
            total = MathF.FusedMultiplyAdd(a[i], b[i], total);
        }
        return total;
    }

    /// <summary>In-place softplus, log(1 + eˣ) written as max(x, 0) + log(1 + e^−|x|) so it neither overflows nor loses large x.</summary>
    public static void Softplus(Span<float> values)
    {
        var vec = MemoryMarshal.Cast<float, Vector<float>>(values);
        for (int i = 0; i < vec.Length; i++)
        {
            var x = vec[i];
            vec[i] = Vector.Max(x, Vector<float>.Zero) + Vector.Log(Vector<float>.One + Vector.Exp(-Vector.Abs(x)));
        }
        for (int i = vec.Length * Vector<float>.Count; i < values.Length; i++)
        {
            values[i] = Activations.Softplus(values[i]);
        }
    }
}
