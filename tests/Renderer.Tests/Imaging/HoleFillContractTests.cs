using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Imaging;

/// <summary>What both hole fills promise alike: blur's <see cref="PushPullFill"/> and keep's <see cref="MirrorFill"/>.</summary>
public sealed class HoleFillContractTests
{
    public static TheoryData<string> Fills => new() { "push-pull", "mirror" };

    private static void Fill(string fill, RgbImage image, float[] confidence, RgbImage destination)
    {
        switch (fill)
        {
            case "push-pull":
                PushPullFill.Fill(image, confidence, destination);
                break;
            default:
                MirrorFill.Fill(image, confidence, destination);
                break;
        }
    }

    /// <summary>A 30 × 20 image of varied colours, a disc of confidence 0 in it and a soft ramp around the disc.</summary>
    private static (RgbImage Image, float[] Confidence) WithAHole()
    {
        var image = new RgbImage(30, 20);
        var confidence = new float[600];
        for (var y = 0; y < 20; y++)
        {
            for (var x = 0; x < 30; x++)
            {
                var pixel = image.Pixel(x, y);
                (pixel[0], pixel[1], pixel[2]) = ((byte)(8 * x), (byte)(12 * y), (byte)(x * y % 256));
                var r = Math.Sqrt((x - 12) * (x - 12) + (y - 9) * (y - 9));
                confidence[y * 30 + x] = (float)Math.Clamp((r - 4) / 3, 0, 1);
            }
        }
        return (image, confidence);
    }

    [Theory]
    [MemberData(nameof(Fills))]
    public void IntoTheImageItself_IsTheSameAsIntoANewOne(string fill)
    {
        var (image, confidence) = WithAHole();
        var expected = new RgbImage(30, 20);
        Fill(fill, image, confidence, expected);

        Fill(fill, image, confidence, image);

        Assert.Equal(expected.Pixels, image.Pixels);
    }

    [Theory]
    [MemberData(nameof(Fills))]
    public void NoHole_LeavesTheImageUnchanged(string fill)
    {
        var (image, _) = WithAHole();
        var filled = new RgbImage(30, 20);

        Fill(fill, image, Enumerable.Repeat(1f, 600).ToArray(), filled);

        Assert.Equal(image.Pixels, filled.Pixels);
    }

    [Theory]
    [MemberData(nameof(Fills))]
    public void NoConfidentPixelAnywhere_GivesNeutralGrey(string fill)
    {
        var (image, _) = WithAHole();
        var filled = new RgbImage(30, 20);

        Fill(fill, image, new float[600], filled);

        Assert.All(filled.Pixels, b => Assert.Equal(128, b));
    }

    [Theory]
    [MemberData(nameof(Fills))]
    public void WrongSizes_AreRefused(string fill)
    {
        var error = Assert.Throws<ArgumentException>(() => Fill(fill, new RgbImage(4, 4), new float[15], new RgbImage(4, 4)));
        Assert.StartsWith("confidence has 15 values, a 4×4 image needs 16", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => Fill(fill, new RgbImage(4, 4), new float[16], new RgbImage(4, 5)));
        Assert.StartsWith("destination is 4×5, the image 4×4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fills))]
    public void PartialConfidence_BlendsOwnColourWithTheFill(string fill)
    {
        var image = new RgbImage(8, 8);
        Array.Fill(image.Pixels, (byte)100);
        image.Pixel(3, 3)[0] = 200;
        var confidence = Enumerable.Repeat(1f, 64).ToArray();
        confidence[3 * 8 + 3] = 0.5f;
        confidence[3 * 8 + 4] = float.NaN;
        var filled = new RgbImage(8, 8);

        Fill(fill, image, confidence, filled);

        // ½ · 200 + ½ · fill, the fill ≈ 100 around it (push-pull's coarser levels also hold the pixel's own
        // half-weighted share; the mirror copies only fully confident pixels). NaN counts as a hole.
        Assert.InRange(filled.Pixel(3, 3)[0], 150, 158);
        Assert.InRange(filled.Pixel(4, 3)[0], 100, 110);
    }
}
