using PortraitStream.Inference.Bundles;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Bundles;

/// <summary>model.json "encoder.image": value = (byte · scale − mean[c]) / std[c], NCHW, channel 0 red.</summary>
public class ImageTensorTests
{
    [Theory]
    [InlineData(1f / 255, 0f, 1f, 0, 0f)]
    [InlineData(1f / 255, 0f, 1f, 255, 1f)]
    [InlineData(1f / 255, 0.5f, 0.5f, 0, -1f)]
    [InlineData(1f / 255, 0.5f, 0.5f, 255, 1f)]
    [InlineData(1f / 255, 0.485f, 0.229f, 255, 2.2489083f)]
    [InlineData(1f, 127.5f, 127.5f, 51, -0.6f)]
    public void Value_IsScaledThenNormalised(float scale, float mean, float std, byte value, float expected)
    {
        var crop = new RgbImage(1, 1, [value, value, value]);
        var tensor = new float[3];
        ImageTensor.Fill(crop, new ImageInputSpec("image", 1, scale, [mean, mean, mean], [std, std, std]), tensor);
        Assert.All(tensor, t => Assert.Equal(expected, t, 1e-5f));
    }

    [Fact]
    public void Layout_IsPlanarRgb_RowsTopToBottom()
    {
        var crop = new RgbImage(2, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        var tensor = new float[12];
        ImageTensor.Fill(crop, new ImageInputSpec("image", 2, 1f, [0, 0, 0], [1, 1, 1]), tensor);
        Assert.Equal([1, 4, 7, 10, 2, 5, 8, 11, 3, 6, 9, 12], tensor);
    }
}
