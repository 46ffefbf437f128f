using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Imaging;

public sealed class BoxBlurTests
{
    [Fact]
    public void FlatImage_StaysFlat()
    {
        var image = new RgbImage(20, 11);
        Array.Fill(image.Pixels, (byte)77);
        Assert.All(BoxBlur.Blur(image, 4).Pixels, b => Assert.Equal(77, b));
    }

    [Fact]
    public async Task RadiusZero_IsTheImage()
    {
        var image = await new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png"));
        Assert.Equal(image.Pixels, BoxBlur.Blur(image, 0).Pixels);
    }

    /// <summary>A bright square spreads into a bell (three box passes ≈ a Gaussian), its total kept, its peak in place.</summary>
    [Fact]
    public void Square_SpreadsSymmetrically_KeepingItsTotal()
    {
        var image = new RgbImage(41, 41);
        for (var y = 18; y <= 22; y++)
        {
            for (var x = 18; x <= 22; x++)
            {
                image.Pixel(x, y)[0] = 255;
            }
        }
        var blurred = BoxBlur.Blur(image, 2);

        // 25 × 255 spread over a 17² footprint; rounding each pixel to a byte moves the total by at most 0.5 per pixel.
        var total = Enumerable.Range(0, 41 * 41).Sum(i => blurred.Pixels[3 * i]);
        Assert.InRange(total, 25 * 255 - 145, 25 * 255 + 145);
        Assert.InRange(blurred.Pixel(17, 20)[0] - blurred.Pixel(23, 20)[0], -1, 1);
        Assert.InRange(blurred.Pixel(20, 16)[0] - blurred.Pixel(20, 24)[0], -1, 1);
        Assert.True(blurred.Pixel(20, 20)[0] > blurred.Pixel(23, 20)[0]);
        Assert.True(blurred.Pixel(23, 20)[0] > blurred.Pixel(26, 20)[0]);
        Assert.True(blurred.Pixel(20, 20)[0] < 255);
    }

    [Fact]
    public void Shrink_AveragesBlocks_PartialOnesToo()
    {
        var image = new RgbImage(5, 4);
        for (var y = 0; y < 4; y++)
        {
            for (var x = 0; x < 5; x++)
            {
                image.Pixel(x, y)[0] = (byte)(10 * x + y);
            }
        }
        var small = BoxBlur.Shrink(image, 2);

        Assert.Equal((3, 2), (small.Width, small.Height));
        Assert.Equal(6, small.Pixel(0, 0)[0]);   // (0 + 10 + 1 + 11) / 4 = 5.5, rounded half up
        Assert.Equal(43, small.Pixel(2, 1)[0]);  // the last column alone: (42 + 43) / 2 = 42.5
    }
}
