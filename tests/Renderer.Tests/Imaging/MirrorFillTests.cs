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

    /// <summary>Per pixel, the Euclidean distance to the nearest pixel outside <paramref name="hole"/> (0 outside it), found by brute force.</summary>
    private static double[] Depth(Func<int, int, bool> hole, int size = Size)
    {
        var outside = Where((x, y) => !hole(x, y), size).ToArray();
        var depth = new double[size * size];
        foreach (var (x, y) in Where(hole, size))
        {
            depth[y * size + x] = outside.Min(o => Math.Sqrt((o.X - x) * (o.X - x) + (o.Y - y) * (o.Y - y)));
        }
        return depth;
    }

    [Fact]
    public void Stripes_RunOnAtTheHolesEdge_AndCalmToTheirMeanDeepInside()
    {
        var image = Stripes();
        var confidence = Punch(image, InPerson);

        var filled = Filled(image, confidence);

        var depth = Depth(InPerson);
        Assert.All(Where(InPerson), p => Assert.NotEqual(255, filled.Pixel(p.X, p.Y)[1]));
        var edge = Where((x, y) => InPerson(x, y) && depth[y * Size + x] <= 2).ToArray();
        Assert.True(Contrast(filled, edge) >= 0.7 * (Light - Dark), $"contrast at the hole's edge {Contrast(filled, edge)}, the stripes' {Light - Dark}");
        // Deep inside, where reflections about edges far apart meet, only the room's local colour is left.
        var deep = Where((x, y) => InPerson(x, y) && depth[y * Size + x] >= 12).ToArray();
        Assert.NotEmpty(deep);
        Assert.True(Contrast(filled, deep) <= 0.2 * (Light - Dark), $"contrast deep inside {Contrast(filled, deep)}");
        Assert.InRange(deep.Average(p => filled.Pixel(p.X, p.Y)[0]), (Light + Dark) / 2.0 - 12, (Light + Dark) / 2.0 + 12);
    }

    [Fact]
    public void BandAcrossTheWholeWidth_ContinuesTheStripesAtItsEdges_AndTheirMeanInItsMiddle()
    {
        var image = Stripes();
        var confidence = Punch(image, (_, y) => y >= 30 && y < 50);

        var filled = Filled(image, confidence);

        // Vertical stripes are the same up every column: in the band's edge rows the column guesses reproduce the
        // hidden rows, as the light 3 × 3 smoothing leaves them (across the stripes, a 3-pixel mean).
        Assert.All(Where((_, y) => y is 30 or 49), p =>
        {
            var expected = (Stripe(Math.Max(0, p.X - 1)) + Stripe(p.X) + Stripe(Math.Min(Size - 1, p.X + 1))) / 3.0;
            Assert.InRange(filled.Pixel(p.X, p.Y)[0], expected - 1, expected + 1);
        });
        // Ten rows in, detail finer than about ten pixels has faded: the stripes' mean with a trace of them.
        var middle = Where((_, y) => y is >= 39 and < 41).ToArray();
        Assert.True(Contrast(filled, middle) <= 0.25 * (Light - Dark), $"contrast in the band's middle {Contrast(filled, middle)}");
        Assert.InRange(middle.Average(p => filled.Pixel(p.X, p.Y)[0]), (Light + Dark) / 2.0 - 8, (Light + Dark) / 2.0 + 8);
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

        var depth = Depth(hole);
        Assert.All(Where(hole), p => Assert.NotEqual(255, filled.Pixel(p.X, p.Y)[1]));
        var edge = Where((x, y) => hole(x, y) && depth[y * Size + x] <= 2).ToArray();
        Assert.True(Contrast(filled, edge) >= 0.7 * (Light - Dark), $"contrast at the hole's edge {Contrast(filled, edge)}");
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
    public void DiagonalStripes_DoNotComeBackAsVsInsideTheHole()
    {
        // Stripes along (1, −1): the room does not change along them. Reflecting a row or a column about the hole's
        // edge turns them along (1, 1) — a V with its point on the edge —, which does change along (1, −1).
        var image = new RgbImage(Size, Size);
        foreach (var (x, y) in Where((_, _) => true))
        {
            image.Pixel(x, y).Fill(Stripe(x + y));
        }
        var confidence = Punch(image, InPerson);

        var filled = Filled(image, confidence);

        var depth = Depth(InPerson);
        var inside = Where((x, y) => depth[y * Size + x] >= 4 && x + 1 < Size && y > 0 && InPerson(x + 1, y - 1)).ToArray();
        var along = inside.Average(p => Math.Abs(filled.Pixel(p.X + 1, p.Y - 1)[0] - filled.Pixel(p.X, p.Y)[0]));
        Assert.True(along <= 8, $"mean change along the stripes' direction inside the hole: {along:F1} levels (the room's: 0)");
    }

    [Fact]
    public void SmoothRoom_HasNoStepWhereARowsGuessHandsOverToAColumns()
    {
        // A ramp across the image: reflected about a square hole's left and right edges it runs backwards, copied
        // down the columns it runs on, so the two guesses disagree most where the nearest edge changes (the diagonals).
        const int Slope = 2;
        var image = new RgbImage(Size, Size);
        foreach (var (x, y) in Where((_, _) => true))
        {
            image.Pixel(x, y).Fill((byte)(Slope * x + 20));
        }
        Func<int, int, bool> square = (x, y) => x >= 24 && x < 72 && y >= 24 && y < 72;
        var confidence = Punch(image, square);

        var filled = Filled(image, confidence);

        // From eight pixels in (at depth d the two guesses differ by 2·d·slope; nearer the edge they are kept sharp).
        var inner = (Func<int, int, bool>)((x, y) => x >= 32 && x < 64 && y >= 32 && y < 64);
        var worst = Where(inner).Where(p => inner(p.X + 1, p.Y) && inner(p.X, p.Y + 1))
            .Max(p => Math.Max(Math.Abs(filled.Pixel(p.X + 1, p.Y)[0] - filled.Pixel(p.X, p.Y)[0]),
                Math.Abs(filled.Pixel(p.X, p.Y + 1)[0] - filled.Pixel(p.X, p.Y)[0])));
        // The fill before the softening stepped by 5 × the slope here, at the hand-over.
        Assert.True(worst <= 3 * Slope, $"largest step between neighbours inside the hole: {worst} levels (the ramp's own: {Slope})");
    }

    [Fact]
    public void SoftEdgedPerson_LendsTheHoleNoneOfTheirColour()
    {
        // A grey room and a green person whose edge the matte ramps over three pixels: the ramp's pixels blend in
        // their own colour by their confidence, but the hole itself shows the room's greys only.
        var image = Stripes();
        var confidence = new float[Size * Size];
        foreach (var (x, y) in Where((_, _) => true))
        {
            var inside = 20 - Math.Sqrt((x - 48) * (x - 48) + (y - 40) * (y - 40));
            confidence[y * Size + x] = (float)Math.Clamp(1 - inside / 3, 0, 1);
            if (inside > 0)
            {
                var pixel = image.Pixel(x, y);
                (pixel[0], pixel[1], pixel[2]) = ((byte)30, (byte)220, (byte)40);
            }
        }

        var filled = Filled(image, confidence);

        Assert.All(Enumerable.Range(0, Size * Size).Where(i => confidence[i] == 0f), i =>
        {
            var pixel = filled.Pixels.AsSpan(3 * i, 3);
            Assert.True(Math.Abs(pixel[1] - pixel[0]) <= 1 && Math.Abs(pixel[1] - pixel[2]) <= 1, $"pixel {i}: {pixel[0]}, {pixel[1]}, {pixel[2]}");
        });
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
