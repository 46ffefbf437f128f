using System.Numerics;

namespace PortraitStream.Renderer.Sampling;

/// <summary>
/// EG3D's <c>sample_importance</c> + <c>sample_pdf</c> (NeRF's hierarchical sampling) for one ray.
/// Inputs: Nc sorted coarse depths and the compositor's Nc − 1 interval weights. Steps, as EG3D:
/// <list type="number">
/// <item>smooth: m = max_pool1d(w, 2, stride 1, pad 1) (Nc values), s = avg_pool1d(m, 2, stride 1) (Nc − 1), s += 0.01;</item>
/// <item>bins are the coarse midpoints; the pdf is s[1 .. Nc − 2) over bins[0 .. Nc − 2) — EG3D passes Nc − 1 midpoints
/// with Nc − 3 weights, so its last midpoint is never reached; kept as is, trained models saw it;</item>
/// <item>pdf = (s + <see cref="PdfEpsilon"/>) / Σ, cdf with a leading 0, then each uniform u (hash RNG, i.i.d. as
/// EG3D's <c>torch.rand</c>) is inverted: i = #{cdf ≤ u} (searchsorted right), linear inside [cdf[i−1], cdf[i]).</item>
/// </list>
/// Output depths are then sorted (insertion sort: the draws are i.i.d., and a fixed-size loop suits a shader), so the
/// renderer can merge them with the coarse ones. Needs Nc ≥ 4.
/// </summary>
public static class ImportanceSampler
{
    /// <summary>EG3D's floor under the smoothed weights: keeps some samples everywhere along the ray.</summary>
    public const float WeightFloor = 0.01f;

    /// <summary>EG3D's <c>eps</c> in <c>sample_pdf</c>: added to weights, and the smallest cdf step that is divided by.</summary>
    public const float PdfEpsilon = 1e-5f;

    /// <param name="coarseDepths">Nc sorted depths.</param>
    /// <param name="weights">Nc − 1 interval weights from the coarse composite.</param>
    /// <param name="cdf">Scratch of at least Nc − 2 floats.</param>
    /// <param name="output">Receives the importance depths, sorted.</param>
    public static void Sample(ReadOnlySpan<float> coarseDepths, ReadOnlySpan<float> weights, Span<float> cdf,
        Span<float> output, uint seed, uint pixel)
    {
        int binCount = coarseDepths.Length - 3;
        cdf = cdf[..(binCount + 1)];
        // cdf[j + 1] accumulates pdf over bins [0, j]; smoothed weight s[j + 1] belongs to bin j.
        float sum = 0f;
        cdf[0] = 0f;
        for (int j = 0; j < binCount; j++)
        {
            sum += SmoothedWeight(weights, j + 1) + PdfEpsilon;
            cdf[j + 1] = sum;
        }
        float inverseSum = 1f / sum;
        for (int j = 1; j <= binCount; j++)
        {
            cdf[j] *= inverseSum;
        }
        uint key = HashRng.PixelKey(seed, pixel);
        for (int n = 0; n < output.Length; n++)
        {
            float u = HashRng.Uniform(key, HashRng.Sequence.ImportanceDraw, (uint)n);
            output[n] = Invert(cdf, coarseDepths, binCount, u);
        }
        InsertionSort(output);
    }

    /// <summary>avg_pool(max_pool(w)) at index j: the mean of max(w[j−1], w[j]) and max(w[j], w[j+1]), out-of-range w ignored (−∞ padding).</summary>
    private static float SmoothedWeight(ReadOnlySpan<float> w, int j)
    {
        float left = j > 0 ? MathF.Max(w[j - 1], w[j]) : w[j];
        float right = j + 1 < w.Length ? MathF.Max(w[j], w[j + 1]) : w[j];
        return 0.5f * (left + right) + WeightFloor;
    }

    private static float Invert(ReadOnlySpan<float> cdf, ReadOnlySpan<float> coarseDepths, int binCount, float u)
    {
        // searchsorted(cdf, u, right=True): the first index whose cdf exceeds u, which for a non-decreasing cdf is the
        // number of entries ≤ u — counted a vector at a time, without a branch per entry.
        int above = CountAtMost(cdf[..(binCount + 1)], u);
        int below = Math.Max(above - 1, 0);
        above = Math.Min(above, binCount);
        float lowDepth = Midpoint(coarseDepths, below);
        float highDepth = Midpoint(coarseDepths, above);
        float denominator = cdf[above] - cdf[below];
        if (denominator < PdfEpsilon) denominator = 1f;
        return lowDepth + (u - cdf[below]) / denominator * (highDepth - lowDepth);
    }

    private static int CountAtMost(ReadOnlySpan<float> values, float limit)
    {
        int width = Vector<float>.Count;
        var limits = new Vector<float>(limit);
        // LessThanOrEqual sets a lane to −1 (all bits) where true: the lane sums count down.
        var negativeCounts = Vector<int>.Zero;
        int i = 0;
        for (; i + width <= values.Length; i += width)
        {
            negativeCounts += Vector.LessThanOrEqual(new Vector<float>(values[i..]), limits);
        }
        int count = -Vector.Sum(negativeCounts);
        for (; i < values.Length; i++)
        {
            // Added, not branched on: whether u passes an entry is a coin toss the branch predictor would lose.
            count += values[i] <= limit ? 1 : 0;
        }
        return count;
    }

    private static float Midpoint(ReadOnlySpan<float> depths, int i) => 0.5f * (depths[i] + depths[i + 1]);

    private static void InsertionSort(Span<float> values)
    {
        for (int i = 1; i < values.Length; i++)
        {
            float value = values[i];
            int j = i - 1;
            while (j >= 0 && values[j] > value)
            {
                values[j + 1] = values[j];
                j--;
            }
            values[j + 1] = value;
        }
    }
}
