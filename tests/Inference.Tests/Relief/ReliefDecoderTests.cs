using PortraitStream.Inference.Relief;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// The relief decoder on plane means as the renderer forms them (logit colour / 3, (z − depth) / 3), evaluated with
/// EG3D's formulas: colour passes through, density is a solid step at the surface.
/// </summary>
public class ReliefDecoderTests
{
    private static readonly RenderingConfig Rendering = RenderingConfig.Eg3dFfhq;
    private static readonly DecoderWeights Decoder = ReliefDecoder.Create(ReliefOptions.Default, Rendering);

    [Theory]
    [InlineData(0f)]
    [InlineData(0.02f)]
    [InlineData(0.5f)]
    [InlineData(0.98f)]
    [InlineData(1f)]
    public void Colour_ComesBackThroughTheDecoder(float colour)
    {
        var p = (colour + ReliefGraph.ColourEpsilon) / (1f + 2f * ReliefGraph.ColourEpsilon);
        var logit = MathF.Log(p) - MathF.Log(1f - p);
        var (_, rgb) = Decode(logit, signedDistance: -0.01f);
        Assert.All(rgb, c => Assert.Equal(colour, c, 1e-4f));
    }

    [Theory]
    [InlineData(0.2f)]
    [InlineData(0.01f)]
    [InlineData(0.001f)]
    public void Density_IsNegligibleInFrontOfTheSurface(float signedDistance) =>
        Assert.True(Decode(0f, signedDistance).Density < 1e-4f, $"density {Decode(0f, signedDistance).Density} at {signedDistance} in front");

    [Fact]
    public void OpticalDepth_ReachesFiveWithinTwoHundredthsBehindTheSurface()
    {
        const int steps = 2000;
        const float depth = 0.02f;
        var tau = 0.0;
        for (var i = 0; i < steps; i++)
        {
            tau += Decode(0f, -(i + 0.5f) * depth / steps).Density * (depth / steps);
        }
        Assert.True(tau > 5, $"optical depth {tau} over {depth} behind the surface");
    }

    /// <summary>EG3D's OSG decoder: mean features → FC → softplus → FC; density softplus(σ + bias), colour sigmoid·1.002 − 0.001.</summary>
    private static (float Density, float[] Rgb) Decode(float logit, float signedDistance)
    {
        float[] mean = [logit / 3f, logit / 3f, logit / 3f, signedDistance / 3f];
        var hidden = new float[Decoder.Hidden];
        for (var h = 0; h < hidden.Length; h++)
        {
            var sum = Decoder.B1[h];
            for (var i = 0; i < Decoder.Inputs; i++)
            {
                sum += Decoder.W1[h * Decoder.Inputs + i] * mean[i];
            }
            hidden[h] = Softplus(sum);
        }
        var output = new float[Decoder.Outputs];
        for (var o = 0; o < output.Length; o++)
        {
            output[o] = Decoder.B2[o];
            for (var h = 0; h < hidden.Length; h++)
            {
                output[o] += Decoder.W2[o * Decoder.Hidden + h] * hidden[h];
            }
        }
        var rgb = output[1..4].Select(y => 1f / (1f + MathF.Exp(-y)) * 1.002f - 0.001f).ToArray();
        return (Softplus(output[0] + Rendering.DensityBias), rgb);
    }

    private static float Softplus(float x) => x > 20f ? x : MathF.Log(1f + MathF.Exp(x));
}
