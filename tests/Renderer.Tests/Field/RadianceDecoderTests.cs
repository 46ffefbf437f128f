using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Field;

public sealed class RadianceDecoderTests
{
    /// <summary>
    /// Against EG3D's OSG decoder written out plainly in double precision: h = softplus(W1·f + b1), o = W2·h + b2,
    /// σ = o[0], colour = sigmoid(o[1..4]) · 1.002 − 0.001. Widths cover the SIMD body and the scalar tail.
    /// </summary>
    [Theory]
    [InlineData(11, 19, 6)]
    [InlineData(32, 64, 33)]
    [InlineData(1, 3, 4)]
    public void Decode_MatchesTheOsgDecoderFormula(int inputs, int hidden, int outputs)
    {
        var weights = RandomScene.Decoder(inputs, hidden, outputs, seed: (uint)(inputs * 100 + hidden));
        var features = RandomScene.Values(inputs, seed: 99, scale: 2f);
        var decoder = new RadianceDecoder();
        decoder.Load(weights);

        var sample = decoder.Decode(features, new float[hidden]);

        var h = new double[hidden];
        for (int o = 0; o < hidden; o++)
        {
            double x = weights.B1[o];
            for (int i = 0; i < inputs; i++) x += weights.W1[o * inputs + i] * (double)features[i];
            h[o] = Math.Log(1 + Math.Exp(x));
        }
        double Output(int row)
        {
            double x = weights.B2[row];
            for (int j = 0; j < hidden; j++) x += weights.W2[row * hidden + j] * h[j];
            return x;
        }
        double Colour(int row) => 1.002 / (1 + Math.Exp(-Output(row))) - 0.001;
        Assert.Equal(Output(0), sample.RawDensity, 1e-4);
        Assert.Equal(Colour(1), sample.R, 1e-5);
        Assert.Equal(Colour(2), sample.G, 1e-5);
        Assert.Equal(Colour(3), sample.B, 1e-5);
    }

    [Theory]
    [InlineData(-100f)]
    [InlineData(-3f)]
    [InlineData(0f)]
    [InlineData(4f)]
    [InlineData(50f)]
    public void Softplus_MatchesLogOnePlusExp(float x)
    {
        Assert.Equal(Math.Log(1 + Math.Exp(x)), Activations.Softplus(x), 1e-5 * Math.Max(1, Math.Abs(x)));
    }
}
