using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Imaging;

public sealed class MirrorFillTests
{
    private const int Size = 96;

    /// <summary>Vertical stripes of <see cref="Period"/> pixels, half dark (40), half light (200), in all three channels.</summary>
    private const int Period = 8;
    private const byte Dark = 40, Light = 200;

    private static RgbImage Filled(RgbImage image, float[] confidence)
    {
        var filled = new RgbImage(image.Width, image.Height);
        MirrorFill.Fill(image, confidence, filled);
        return filled;
    }

    private static byte Stripe(int x) => x % Period < Period / 2 ? Dark : Light;

    private static RgbImage Stripes()
    {
        var image = new RgbImage(Size, Size);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                image.Pixel(x, y).Fill(Stripe(x));
            }
        }
        return image;
    }

    /// <summary>A head (a disc) on shoulders that run off the image's bottom edge, as a portrait's person.</summary>
    private static bool InPerson(int x, int y) =>
        (x - 48.5) * (x - 48.5) + (y - 36.5) * (y - 36.5) < 18 * 18 || (y >= 60 && x >= 14 && x < 82);

    /// <summary>Confidence 0 where <paramref name="hole"/> holds, 1 elsewhere; the hole's own pixels painted green, which no fill may show.</summary>
    private static float[] Punch(RgbImage image, Func<int, int, bool> hole)
    {
        var confidence = new float[image.Width * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var inHole = hole(x, y);
                confidence[y * image.Width + x] = inHole ? 0f : 1f;
                if (inHole)
                {
                    var pixel = image.Pixel(x, y);
                    (pixel[0], pixel[1], pixel[2]) = ((byte)0, (byte)255, (byte)0);
                }
            }
        }
        return confidence;
    }

    private static IEnumerable<(int X, int Y)> Where(Func<int, int, bool> predicate, int size = Size) =>
        from y in Enumerable.Range(0, size) from x in Enumerable.Range(0, size) where predicate(x, y) select (x, y);

    /// <summary>The spread of channel 0 over <paramref name="pixels"/>: the 95th percentile less the 5th.</summary>
    private static int Contrast(RgbImage image, IEnumerable<(int X, int Y)> pixels)
    {
        var values = pixels.Select(p => (int)image.Pixel(p.X, p.Y)[0]).Order().ToArray();
        return values[(int)(0.95 * (values.Length - 1))] - values[(int)(0.05 * (values.Length - 1))];
    }

    [Fact]
    public void Stripes_RunOnIntoAPersonShapedHole_AtTheirContrastAndPeriod()
    {
        var image = Stripes();
        var confidence = Punch(image, InPerson);

        var filled = Filled(image, confidence);

        var hole = Where(InPerson).ToArray();
        Assert.All(hole, p => Assert.NotEqual(255, filled.Pixel(p.X, p.Y)[1]));
        // Push-pull, the fill this replaces, averages the stripes into a flat colour a few pixels in from the edge;
        // this keeps them all the way in.
        var inner = Where((x, y) => Enumerable.Range(-4, 9).All(d => InPerson(x + d, y) && InPerson(x, y + d))).ToArray();
        var contrast = Contrast(filled, inner);
        var pushPull = Contrast(PushPullFill.Fill(image, confidence), inner);
        Assert.True(contrast >= 0.7 * (Light - Dark), $"contrast inside the hole {contrast}, the stripes' {Light - Dark}");
        Assert.True(pushPull < contrast / 2, $"push-pull keeps {pushPull} of it: the test shows nothing");
        // The period: along each row through the head, the filled values cross mid-grey upwards once every ~8 pixels.
        var crossings = new List<int>();
        for (var y = 24; y < 50; y++)
        {
            var row = Enumerable.Range(0, Size).Where(x => InPerson(x, y)).ToArray();
            int? last = null;
            foreach (var x in row.Skip(1))
            {
                if (filled.Pixel(x - 1, y)[0] < 120 && filled.Pixel(x, y)[0] >= 120)
                {
                    if (last is { } l)
                    {
                        crossings.Add(x - l);
                    }
                    last = x;
                }
            }
        }
        Assert.NotEmpty(crossings);
        Assert.InRange(crossings.Average(), 0.75 * Period, 1.25 * Period);
    }

    [Fact]
    public void BandAcrossTheWholeWidth_IsFilledFromAboveAndBelow_StripesExactly()
    {
        var image = Stripes();
        var confidence = Punch(image, (_, y) => y >= 30 && y < 50);

        var filled = Filled(image, confidence);

        // Vertical stripes are the same up every column: the column guesses reproduce the hidden rows, as the light
        // 3 × 3 smoothing leaves them (across the stripes, a 3-pixel mean).
        Assert.All(Where((_, y) => y >= 30 && y < 50), p =>
        {
            var expected = (Stripe(Math.Max(0, p.X - 1)) + Stripe(p.X) + Stripe(Math.Min(Size - 1, p.X + 1))) / 3.0;
            Assert.InRange(filled.Pixel(p.X, p.Y)[0], expected - 1, expected + 1);
        });
    }

    [Theory]
    [InlineData("left edge")]
    [InlineData("corner")]
    [InlineData("bottom edge")]
    public void HoleTouchingTheBorder_IsFilledFromTheSideThatIsThere(string where)
    {
        Func<int, int, bool> hole = where switch
        {
            "left edge" => (x, y) => x < 20 && y >= 30 && y < 70,
            "corner" => (x, y) => x < 40 && y < 40,
            _ => (x, y) => y >= 70 && x >= 30 && x < 60,
        };
        var image = Stripes();
        var confidence = Punch(image, hole);

        var filled = Filled(image, confidence);

        var inHole = Where(hole).ToArray();
        Assert.All(inHole, p => Assert.NotEqual(255, filled.Pixel(p.X, p.Y)[1]));
        Assert.True(Contrast(filled, inHole) >= 0.7 * (Light - Dark), $"contrast in the hole {Contrast(filled, inHole)}");
    }

    [Fact]
    public void SmoothBackground_HasNoSeamAtTheHolesEdge()
    {
        // A gradient of 2 levels a pixel in each direction: any step across the hole's edge well above that is a seam.
        var image = new RgbImage(Size, Size);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var pixel = image.Pixel(x, y);
                (pixel[0], pixel[1], pixel[2]) = ((byte)(2 * x + 20), (byte)(2 * y + 20), (byte)(x + y));
            }
        }
        var confidence = Punch(image, InPerson);

        var filled = Filled(image, confidence);

        var worst = 0;
        foreach (var (x, y) in Where(InPerson))
        {
            foreach (var (nx, ny) in new[] { (x - 1, y), (x + 1, y), (x, y - 1), (x, y + 1) })
            {
                if (nx < 0 || ny < 0 || nx >= Size || ny >= Size || InPerson(nx, ny))
                {
                    continue;
                }
                for (var c = 0; c < 3; c++)
                {
                    worst = Math.Max(worst, Math.Abs(filled.Pixel(x, y)[c] - filled.Pixel(nx, ny)[c]));
                }
            }
        }
        Assert.True(worst <= 4, $"largest step across the hole's edge: {worst} levels (the gradient's own: 2)");
    }

    [Fact]
    public void OnlyOneConfidentPixel_FillsEverythingWithItsColour()
    {
        var image = new RgbImage(9, 7);
        var confidence = new float[63];
        var (r, g, b) = ((byte)10, (byte)150, (byte)240);
        (image.Pixel(6, 2)[0], image.Pixel(6, 2)[1], image.Pixel(6, 2)[2]) = (r, g, b);
        confidence[2 * 9 + 6] = 1f;

        var filled = Filled(image, confidence);

        Assert.All(Enumerable.Range(0, 63), i => Assert.Equal(new[] { r, g, b }, filled.Pixels.AsSpan(3 * i, 3).ToArray()));
    }
}
