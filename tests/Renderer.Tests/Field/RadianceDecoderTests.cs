using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Field;

public sealed class RadianceDecoderTests
{
    /// <summary>
    /// Against EG3D's OSG decoder written out plainly in double precision: h = softplus(W1·f + b1), o = W2·h + b2,
    /// σ = o[0], colour = sigmoid(o[1..4]) · 1.002 − 0.001. Widths cover the SIMD body, the 4-lane step and the scalar
    /// tail, and the narrow form (inputs and hidden units within one vector, as the relief models: up to 8 and one past
    /// it); batch sizes cover whole and padded activation vectors, and the narrow form's pairs with and without a last odd sample.
    /// </summary>
    [Theory]
    [InlineData(11, 19, 6, 1)]
    [InlineData(32, 64, 33, 48)]
    [InlineData(4, 4, 4, 7)]
    [InlineData(1, 3, 4, 13)]
    [InlineData(5, 6, 4, 5)]
    [InlineData(5, 6, 4, 4)]
    [InlineData(8, 8, 4, 9)]
    [InlineData(9, 8, 4, 3)]
    public void Decode_MatchesTheOsgDecoderFormula(int inputs, int hidden, int outputs, int count)
    {
        var weights = RandomScene.Decoder(inputs, hidden, outputs, seed: (uint)(inputs * 100 + hidden));
        var features = RandomScene.Values(count * inputs, seed: 99, scale: 2f);
        var decoder = new RadianceDecoder();
        decoder.Load(weights);
        var decoded = new float[count * RadianceDecoder.UsedOutputs];

        decoder.Decode(features, new float[count * hidden], decoded);

        for (int k = 0; k < count; k++)
        {
            var h = new double[hidden];
            for (int o = 0; o < hidden; o++)
            {
                double x = weights.B1[o];
                for (int i = 0; i < inputs; i++) x += weights.W1[o * inputs + i] * (double)features[k * inputs + i];
                h[o] = Math.Log(1 + Math.Exp(x));
            }
            double Output(int row)
            {
                double x = weights.B2[row];
                for (int j = 0; j < hidden; j++) x += weights.W2[row * hidden + j] * h[j];
                return x;
            }
            double Colour(int row) => 1.002 / (1 + Math.Exp(-Output(row))) - 0.001;
            Assert.Equal(Output(0), decoded[k], 1e-4);
            Assert.Equal(Colour(1), decoded[count + k], 1e-5);
            Assert.Equal(Colour(2), decoded[2 * count + k], 1e-5);
            Assert.Equal(Colour(3), decoded[3 * count + k], 1e-5);
        }
    }
}
