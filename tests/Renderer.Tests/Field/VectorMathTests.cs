using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Field;

/// <summary>
/// The field's and decoder's SIMD loops against plain scalar loops with the same fused multiply-adds in the same order,
/// at every width from 1 to 21 and a few wider: the paired four-vector blocks, the 8-lane body, the 4-lane step and the scalar tail alone and together. They agree to
/// 1e-6 relative (bit for bit on FMA hardware; non-fused fallbacks round differently).
/// </summary>
public sealed class VectorMathTests
{
    public static TheoryData<int> Widths => [.. Enumerable.Range(1, 21)];

    [Theory]
    [MemberData(nameof(Widths))]
    [InlineData(32)]
    [InlineData(45)]
    public void WeightedSum_MatchesTheScalarLoop(int channels)
    {
        const int taps = 12;
        var source = RandomScene.Values(taps * channels * 3, seed: (uint)channels, scale: 2f);
        int[] offsets = [.. Enumerable.Range(0, taps).Select(t => (t * 5 % taps) * channels * 3 + t % 3)];
        var weights = RandomScene.Values(taps, seed: 77, scale: 1f);
        var destination = new float[channels];

        VectorMath.WeightedSum(source, offsets, weights, 1f / 3f, destination);

        for (int c = 0; c < channels; c++)
        {
            float sum = 0f;
            for (int t = 0; t < taps; t++) sum = MathF.FusedMultiplyAdd(source[offsets[t] + c], weights[t], sum);
            AssertClose(sum / 3f, destination[c]);
        }
    }

    /// <summary>Batches of 1, 2 and 5 samples (pairs and an odd one out) at widths with and without whole four-vector blocks.</summary>
    public static TheoryData<int, int> BatchWidths
    {
        get
        {
            var data = new TheoryData<int, int>();
            foreach (int outputs in Enumerable.Range(1, 21).Concat([32, 37, 64, 67]))
            {
                foreach (int count in new[] { 1, 2, 5 }) data.Add(outputs, count);
            }
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(BatchWidths))]
    public void AffineTransposed_MatchesTheScalarLoop(int outputs, int count)
    {
        const int inputs = 7;
        var x = RandomScene.Values(count * inputs, seed: 5, scale: 2f);
        var weights = RandomScene.Values(inputs * outputs, seed: (uint)outputs, scale: 1f);
        var bias = RandomScene.Values(outputs, seed: 6, scale: 0.5f);
        var output = new float[count * outputs];

        VectorMath.AffineTransposed(x, weights, bias, output);

        for (int k = 0; k < count; k++)
        {
            for (int o = 0; o < outputs; o++)
            {
                float a = bias[o];
                for (int i = 0; i < inputs; i++) a = MathF.FusedMultiplyAdd(weights[i * outputs + o], x[k * inputs + i], a);
                AssertClose(a, output[k * outputs + o]);
            }
        }
    }

    private static void AssertClose(float expected, float actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-6f * Math.Max(1f, Math.Abs(expected)), $"expected {expected}, got {actual}");
}
