using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Imaging;

public sealed class PushPullFillTests
{
    /// <summary>Left half red, right half blue, a green square in the middle with confidence 0 (the hole).</summary>
    private static (RgbImage Image, float[] Confidence) HalvesWithAHole(int size = 40, int hole = 12)
    {
        var image = new RgbImage(size, size);
        var confidence = new float[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var inHole = Math.Abs(x + 0.5 - size / 2.0) < hole / 2.0 && Math.Abs(y + 0.5 - size / 2.0) < hole / 2.0;
                var pixel = image.Pixel(x, y);
                (pixel[0], pixel[1], pixel[2]) = inHole ? ((byte)0, (byte)255, (byte)0) : x < size / 2 ? ((byte)220, (byte)0, (byte)0) : ((byte)0, (byte)0, (byte)220);
                confidence[y * size + x] = inHole ? 0f : 1f;
            }
        }
        return (image, confidence);
    }

    [Fact]
    public void ConfidentPixels_KeepTheirColourExactly()
    {
        var (image, confidence) = HalvesWithAHole();
        var filled = PushPullFill.Fill(image, confidence);

        for (var i = 0; i < confidence.Length; i++)
        {
            if (confidence[i] == 1f)
            {
                Assert.Equal(image.Pixels.AsSpan(3 * i, 3).ToArray(), filled.Pixels.AsSpan(3 * i, 3).ToArray());
            }
        }
    }

    [Fact]
    public void Hole_TakesTheColoursAroundIt_NotItsOwn()
    {
        var (image, confidence) = HalvesWithAHole();
        var filled = PushPullFill.Fill(image, confidence);

        Assert.All(Enumerable.Range(0, confidence.Length), i => Assert.Equal(0, filled.Pixels[3 * i + 1]));
        // Nearer colours first: the hole's left edge is mostly red, its right edge mostly blue.
        var left = filled.Pixel(15, 20);
        var right = filled.Pixel(24, 20);
        Assert.True(left[0] > left[2] + 40, $"left of the hole: red {left[0]}, blue {left[2]}");
        Assert.True(right[2] > right[0] + 40, $"right of the hole: red {right[0]}, blue {right[2]}");
    }
}
