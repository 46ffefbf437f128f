using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Imaging;

/// <summary>PSNR and SSIM on images whose answers are known.</summary>
public sealed class ImageQualityTests
{
    [Fact]
    public void IdenticalImages_AreInfinitePsnrAndUnitSsim()
    {
        var image = Noise(32, 32, 1);
        var region = PixelRegion.Whole(image);

        Assert.Equal(double.PositiveInfinity, ImageQuality.Psnr(image, image, region));
        Assert.Equal(1.0, ImageQuality.Ssim(image, image, region), 9);
    }

    /// <summary>Every byte off by 5: MSE 25, PSNR = 10·log10(255² / 25) ≈ 34.15 dB.</summary>
    [Fact]
    public void UniformOffset_GivesThePsnrOfItsMeanSquare()
    {
        var a = Noise(16, 16, 2);
        for (int i = 0; i < a.Pixels.Length; i++) a.Pixels[i] = (byte)Math.Min((int)a.Pixels[i], 250);
        var b = new RgbImage(16, 16, [.. a.Pixels.Select(p => (byte)(p + 5))]);

        Assert.Equal(10 * Math.Log10(255.0 * 255.0 / 25), ImageQuality.Psnr(a, b, PixelRegion.Whole(a)), 6);
    }

    [Fact]
    public void UnrelatedNoise_HasLowSsim()
    {
        var (a, b) = (Noise(48, 48, 3), Noise(48, 48, 4));
        Assert.InRange(ImageQuality.Ssim(a, b, PixelRegion.Whole(a)), -0.2, 0.2);
    }

    [Fact]
    public void RegionOutsideTheImage_IsRefused()
    {
        var image = Noise(8, 8, 5);
        Assert.Throws<ArgumentException>(() => ImageQuality.Psnr(image, image, new PixelRegion(4, 4, 8, 8)));
        Assert.Throws<ArgumentException>(() => ImageQuality.Ssim(image, Noise(9, 8, 5), PixelRegion.Whole(image)));
    }

    private static RgbImage Noise(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 3];
        random.NextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }
}
