using System.Numerics;
using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer.Tests.Field;

public sealed class VectorActivationsTests
{
    /// <summary>
    /// Softplus (own exp and log1p) against log(1 + eˣ) in double, over the whole float range that matters, in a length
    /// that also runs the padded tail: relative error below 1e-6 everywhere (absolute below 1e-37 where the answer
    /// underflows float).
    /// </summary>
    [Theory]
    [InlineData(-120f, 120f)]
    [InlineData(-20f, 20f)]
    [InlineData(-1f, 1f)]
    public void Softplus_MatchesLogOnePlusExpToOnePartPerMillion(float from, float to)
    {
        var (inputs, values) = Ramp(from, to);

        VectorActivations.Softplus(values);

        for (int i = 0; i < inputs.Length; i++)
        {
            double x = inputs[i], t = Math.Exp(-Math.Abs(x));
            // log1p(t) by its series where 1 + t would round away t's digits.
            double expected = Math.Max(x, 0) + (t < 1e-4 ? t - t * t / 2 + t * t * t / 3 : Math.Log(1 + t));
            Assert.True(Math.Abs(values[i] - expected) <= 1e-6 * expected + 1e-37, $"softplus({x}) = {values[i]}, expected {expected}");
        }
    }

    /// <summary>EG3D's colour, sigmoid(x) · 1.002 − 0.001, against double: within 2e-7 of the [−0.001, 1.001] range.</summary>
    [Theory]
    [InlineData(-120f, 120f)]
    [InlineData(-8f, 8f)]
    public void Colour_MatchesScaledSigmoid(float from, float to)
    {
        var (inputs, values) = Ramp(from, to);

        VectorActivations.Colour(values);

        for (int i = 0; i < inputs.Length; i++)
        {
            double expected = (1 + 2.0 * VectorActivations.ColourMargin) / (1 + Math.Exp(-(double)inputs[i])) - VectorActivations.ColourMargin;
            Assert.True(Math.Abs(values[i] - expected) <= 2e-7, $"colour({inputs[i]}) = {values[i]}, expected {expected}");
        }
    }

    /// <summary>Opacity 1 − eʸ (y = −σδ ≤ 0) against double: relative error below 1e-6 of eʸ, so α = 0 and α = 1 are exact ends.</summary>
    [Theory]
    [InlineData(-200f, 0f)]
    [InlineData(-1f, 0f)]
    [InlineData(-1e-3f, 0f)]
    public void OneMinusExp_MatchesDouble(float from, float to)
    {
        var (inputs, values) = Ramp(from, to);

        VectorActivations.OneMinusExp(values);

        for (int i = 0; i < inputs.Length; i++)
        {
            double exp = Math.Exp(inputs[i]);
            Assert.True(Math.Abs(values[i] - (1 - exp)) <= 1e-6 * exp + 6e-8, $"1 − exp({inputs[i]}) = {values[i]}, expected {1 - exp}");
        }
    }

    /// <summary>
    /// The tail shorter than a vector goes through the same lanes as the body: every length from 1 to three vectors
    /// and one gives each element exactly the value it gets inside a long span.
    /// </summary>
    [Fact]
    public void ShortSpansAndTails_GiveTheSameBitsAsTheVectorBody()
    {
        var (inputs, _) = Ramp(-30f, 30f);
        foreach (var activation in new SpanAction[] { VectorActivations.Softplus, VectorActivations.Colour, Negated(VectorActivations.OneMinusExp) })
        {
            var whole = (float[])inputs.Clone();
            activation(whole);
            for (int length = 1; length <= 3 * Vector<float>.Count + 1; length++)
            {
                for (int start = 0; start + length <= 200; start += 37)
                {
                    var part = inputs.AsSpan(start, length).ToArray();
                    activation(part);
                    Assert.Equal(whole.AsSpan(start, length).ToArray(), part);
                }
            }
        }
    }

    private delegate void SpanAction(Span<float> values);

    /// <summary>OneMinusExp takes y ≤ 0: run it on −|x|.</summary>
    private static SpanAction Negated(SpanAction activation) => values =>
    {
        for (int i = 0; i < values.Length; i++) values[i] = -MathF.Abs(values[i]);
        activation(values);
    };

    /// <summary>An odd count, so the padded tail runs too.</summary>
    private static (float[] Inputs, float[] Values) Ramp(float from, float to)
    {
        const int count = 100_003;
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = from + (to - from) * i / (count - 1);
        return (values, (float[])values.Clone());
    }
}
