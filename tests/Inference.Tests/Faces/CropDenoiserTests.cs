using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>The tracker's temporal filter on the crop: a still picture's noise averaged, anything that moves passed through.</summary>
public sealed class CropDenoiserTests(ITestOutputHelper output)
{
    private const int Side = 64;

    [Fact]
    public void StillNoisyFrames_AreAveraged()
    {
        var picture = Gradient();
        var denoiser = new CropDenoiser();
        double inputError = 0, outputError = 0;
        var counted = 0;
        for (var frame = 0; frame < 30; frame++)
        {
            var noisy = NoisyCanvas.WithNoise(picture, seed: frame, amplitude: 8);
            inputError += MeanSquare(noisy, picture);
            denoiser.Filter(noisy);
            if (frame >= 5)
            {
                outputError += MeanSquare(noisy, picture);
                counted++;
            }
        }
        var (input, denoised) = (inputError / 30, outputError / counted);
        output.WriteLine($"mean square error against the clean picture: {input:F2} as the camera gave it, {denoised:F2} filtered");
        Assert.True(denoised < input / 2.5, $"noise power {denoised:F2} filtered against {input:F2}");
    }

    [Fact]
    public void IdenticalFrames_PassThroughUnchanged()
    {
        var picture = Gradient();
        var denoiser = new CropDenoiser();
        for (var frame = 0; frame < 5; frame++)
        {
            var copy = new RgbImage(Side, Side, picture.Pixels.ToArray());
            denoiser.Filter(copy);
            Assert.Equal(picture.Pixels, copy.Pixels);
        }
    }

    /// <summary>
    /// A square that appears over a noisy still background shows whole on the very next frame, and the background
    /// beside it is still averaged: no ghost of the old picture where something moved, no reset where nothing did.
    /// </summary>
    [Fact]
    public void MovedRegion_PassesThroughAtOnce_WhileTheStillRestIsAveraged()
    {
        var picture = Gradient();
        var denoiser = new CropDenoiser();
        for (var frame = 0; frame < 10; frame++)
        {
            denoiser.Filter(NoisyCanvas.WithNoise(picture, seed: frame, amplitude: 8));
        }
        var moved = NoisyCanvas.WithNoise(picture, seed: 99, amplitude: 8);
        for (var y = 16; y < 32; y++)
        {
            for (var x = 16; x < 32; x++)
            {
                moved.Pixels.AsSpan(3 * (y * Side + x), 3).Fill(250);
            }
        }
        var arrived = new RgbImage(Side, Side, moved.Pixels.ToArray());
        denoiser.Filter(arrived);
        for (var y = 16; y < 32; y++)
        {
            for (var x = 16; x < 32; x++)
            {
                Assert.Equal(250, arrived.Pixels[3 * (y * Side + x)]);
            }
        }
        var stillChanged = Enumerable.Range(0, Side * Side).Where(i => i % Side >= 40 || i / Side >= 40)
            .Count(i => arrived.Pixels[3 * i] != moved.Pixels[3 * i]);
        output.WriteLine($"{stillChanged} still pixels filtered beside the square");
        Assert.True(stillChanged > Side * Side / 4, $"only {stillChanged} of the still pixels were filtered");
    }

    [Fact]
    public void AnotherSize_OrAReset_StartsAgain()
    {
        var denoiser = new CropDenoiser();
        denoiser.Filter(Gradient());
        var small = new RgbImage(Side / 2, Side / 2);
        small.Pixels.AsSpan().Fill(200);
        var expected = small.Pixels.ToArray();
        denoiser.Filter(small);
        Assert.Equal(expected, small.Pixels);

        denoiser.Reset();
        var dark = new RgbImage(Side / 2, Side / 2);
        dark.Pixels.AsSpan().Fill(190);
        denoiser.Filter(dark);
        Assert.All(dark.Pixels, value => Assert.Equal(190, value));
    }

    private static RgbImage Gradient()
    {
        var image = new RgbImage(Side, Side);
        for (var i = 0; i < Side * Side; i++)
        {
            (image.Pixels[3 * i], image.Pixels[3 * i + 1], image.Pixels[3 * i + 2]) = ((byte)(40 + i % Side * 2), (byte)(60 + i / Side * 2), 120);
        }
        return image;
    }

    private static double MeanSquare(RgbImage a, RgbImage b) =>
        a.Pixels.Zip(b.Pixels).Average(pair => (double)(pair.First - pair.Second) * (pair.First - pair.Second));
}
