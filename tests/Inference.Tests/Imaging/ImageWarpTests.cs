using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;

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

    /// <summary>
    /// Shrinking first (the far layer's surround) averages too: a one-pixel checkerboard cut at a third of its scale
    /// comes out uniform grey.
    /// </summary>
    [Fact]
    public void ShrinkingFirst_AveragesInsteadOfAliasing()
    {
        var checker = new RgbImage(96, 96);
        for (var y = 0; y < 96; y++)
        {
            for (var x = 0; x < 96; x++)
            {
                checker.Pixel(x, y).Fill((byte)(((x + y) & 1) * 255));
            }
        }
        var third = new RgbImage(32, 32);
        ImageWarp.WarpShrinkingFirst(checker, third, new AffineTransform2D(3, 0, 0, 3, 0, 0));
        Assert.All(third.Pixels, b => Assert.InRange(b, 110, 145));
    }

    /// <summary>
    /// Shrinking first cuts the same picture, in the same place, as the tap-averaging warp: on a smooth ramp (where
    /// the two filters' different footprints cannot show) every pixel agrees within two levels at a 2.8× reduction.
    /// </summary>
    [Fact]
    public void ShrinkingFirst_CutsThePictureTheWarpCuts()
    {
        var ramp = new RgbImage(512, 512);
        for (var y = 0; y < 512; y++)
        {
            for (var x = 0; x < 512; x++)
            {
                var pixel = ramp.Pixel(x, y);
                (pixel[0], pixel[1], pixel[2]) = ((byte)(x / 2), (byte)(y / 2), (byte)((x + y) / 4));
            }
        }
        var map = new AffineTransform2D(2.8f, 0, 0, 2.8f, 10f, 12f);
        var (shrunkFirst, tapped) = (new RgbImage(170, 170), new RgbImage(170, 170));
        ImageWarp.WarpShrinkingFirst(ramp, shrunkFirst, map);
        ImageWarp.Warp(ramp, tapped, map);
        var largest = shrunkFirst.Pixels.Zip(tapped.Pixels, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(largest <= 2, $"a pixel differs by {largest} levels");
    }

    /// <summary>
    /// The OpenCV warp samples the same bilinear function as <see cref="BilinearSample"/>: pixel centres at
    /// half-integers, replicated edges, and for a shrink of n the mean of n×n taps at (x + (i + ½)/n, y + (j + ½)/n).
    /// Pins the half-pixel shift between the two conventions; OpenCV's fixed-point weights leave a level or two.
    /// </summary>
    [Theory]
    [InlineData(256f, 256f, 300f, 0.4f, 128)]   // rotated, slight shrink: one tap
    [InlineData(200f, 300f, 500f, -0.2f, 128)]  // about 4× shrink: 4×4 taps
    [InlineData(20f, 30f, 200f, 0.9f, 96)]      // reaching past the top-left edge
    [InlineData(256f, 256f, 64f, 0f, 128)]      // 2× magnification
    public void Warp_SamplesTheBilinearFunction(float cx, float cy, float side, float angle, int size)
    {
        var source = TestData.Portrait;
        var map = AffineTransform2D.SquareCrop(cx, cy, side, angle, size);
        var warped = ImageWarp.Crop(source, map, size);
        var taps = Math.Clamp((int)MathF.Round(map.Scale), 1, 4);
        var worst = 0f;
        for (var y = 0; y < size; y += 3)
        {
            for (var x = 0; x < size; x += 3)
            {
                var sum = System.Numerics.Vector3.Zero;
                for (var j = 0; j < taps; j++)
                {
                    for (var i = 0; i < taps; i++)
                    {
                        var (sx, sy) = map.Apply(x + (i + 0.5f) / taps, y + (j + 0.5f) / taps);
                        sum += BilinearSample.At(source, sx, sy);
                    }
                }
                var expected = sum / (taps * taps);
                var got = warped.Pixel(x, y);
                worst = MathF.Max(worst, MathF.Max(MathF.Abs(got[0] - expected.X), MathF.Max(MathF.Abs(got[1] - expected.Y), MathF.Abs(got[2] - expected.Z))));
            }
        }
        Assert.InRange(worst, 0f, 3f);
    }
}
