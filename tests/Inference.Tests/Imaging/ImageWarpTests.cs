using PortraitStream.Inference.Imaging;

namespace PortraitStream.Inference.Tests.Imaging;

public class ImageWarpTests
{
    [Fact]
    public void IdentityWarp_ReproducesTheImage()
    {
        var source = TestData.Portrait;
        var copy = ImageWarp.Crop(source, AffineTransform2D.Identity, source.Width);
        Assert.Equal(source.Pixels, copy.Pixels);
    }

    [Theory]
    [InlineData(100f, 200f, 50f, 0.3f, 64)]
    [InlineData(256f, 256f, 512f, -1.2f, 128)]
    public void SquareCrop_MapsCropCentreToCentre_AndInverts(float cx, float cy, float side, float angle, int size)
    {
        var map = AffineTransform2D.SquareCrop(cx, cy, side, angle, size);
        var (x, y) = map.Apply(size / 2f, size / 2f);
        Assert.Equal(cx, x, 3);
        Assert.Equal(cy, y, 3);
        Assert.Equal(side / size, map.Scale, 0.0001f);
        var (bx, by) = map.Inverse().Apply(x, y);
        Assert.Equal(size / 2f, bx, 3);
        Assert.Equal(size / 2f, by, 3);
    }

    [Fact]
    public void HalvingWarp_AveragesInsteadOfAliasing()
    {
        // A one-pixel checkerboard halved must come out uniform grey, not a moiré of black and white.
        var checker = new RgbImage(64, 64);
        for (var y = 0; y < 64; y++)
        {
            for (var x = 0; x < 64; x++)
            {
                checker.Pixel(x, y).Fill((byte)(((x + y) & 1) * 255));
            }
        }
        var half = ImageWarp.Crop(checker, new AffineTransform2D(2, 0, 0, 2, 0, 0), 32);
        Assert.All(half.Pixels, b => Assert.InRange(b, 120, 135));
    }
}
