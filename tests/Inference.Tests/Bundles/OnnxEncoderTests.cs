using PortraitStream.Inference.Bundles;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Tests.Bundles;

/// <summary>The encoder runner refuses inputs that disagree with model.json before ONNX Runtime sees them.</summary>
public class OnnxEncoderTests
{
    [Theory]
    [InlineData(31, 12, "encoder takes a 32×32 crop, got 31×31")]
    [InlineData(32, 11, "encoder takes 12 face parameters, got 11")]
    [InlineData(32, 0, "encoder takes 12 face parameters, got 0")]
    public void InputsDisagreeingWithTheManifest_AreRefused(int cropSize, int parameters, string expected) =>
        AssertRefused(cropSize, new float[parameters], expected);

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void NonFiniteFaceParameters_AreRefused(float value)
    {
        var parameters = Relief.SyntheticFace.Parameters(32);
        parameters[5] = value;
        AssertRefused(32, parameters, $"face parameters must be finite, got {value}");
    }

    [Fact]
    public void Encode_FillsTheCallersBufferOfAnEqualLayout()
    {
        using var bundle = ModelBundle.Load(TestBundles.AsBundle(TestBundles.Files()), TestData.Sessions);
        var destination = new Triplanes(new TriplaneLayout(4, 32, [.. PlaneAxes.Eg3d]));
        Array.Fill(destination.Data, float.NaN);
        bundle.Encoder.Encode(new RgbImage(32, 32), Relief.SyntheticFace.Parameters(32), destination);
        Assert.All(destination.Data, value => Assert.True(float.IsFinite(value)));
    }

    private static void AssertRefused(int cropSize, float[] parameters, string expected)
    {
        using var bundle = ModelBundle.Load(TestBundles.AsBundle(TestBundles.Files()), TestData.Sessions);
        var error = Assert.Throws<ArgumentException>(() => bundle.Encoder.Encode(new RgbImage(cropSize, cropSize), parameters));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
