using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Imaging;

namespace PortraitStream.Inference.Tests.Bundles;

/// <summary>The encoder runner refuses inputs that disagree with model.json before ONNX Runtime sees them.</summary>
public class OnnxEncoderTests
{
    [Theory]
    [InlineData(31, 12, "encoder takes a 32×32 crop, got 31×31")]
    [InlineData(32, 11, "encoder takes 12 face parameters, got 11")]
    [InlineData(32, 0, "encoder takes 12 face parameters, got 0")]
    public void InputsDisagreeingWithTheManifest_AreRefused(int cropSize, int parameters, string expected)
    {
        using var bundle = ModelBundle.Load(TestBundles.AsBundle(TestBundles.Files()), TestData.Sessions);
        var error = Assert.Throws<ArgumentException>(() => bundle.Encoder.Encode(new RgbImage(cropSize, cropSize), new float[parameters]));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_FillsTheCallersBuffer()
    {
        using var bundle = ModelBundle.Load(TestBundles.AsBundle(TestBundles.Files()), TestData.Sessions);
        var destination = new Triplanes.Triplanes(bundle.Layout);
        Array.Fill(destination.Data, float.NaN);
        bundle.Encoder.Encode(new RgbImage(32, 32), Relief.SyntheticFace.Parameters(32), destination);
        Assert.All(destination.Data, value => Assert.True(float.IsFinite(value)));
    }
}
