using System.Buffers;

namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// Fills the low-confidence pixels of an image from its confident ones by push-pull (Gortler et al., "The Lumigraph",
/// SIGGRAPH 1996, §3.4): <b>pull</b> halves the image level by level, each coarse pixel the confidence-weighted mean of
/// its up to four children, its confidence their summed confidence capped at 1; <b>push</b> goes back up, each pixel
/// c·w + (1 − w)·(the coarser result, bilinearly upsampled). A pixel of confidence 1 keeps its colour exactly; a hole
/// takes a smooth blend of the colours around it, from near ones first. Cost: about 4/3 of the pixels, a few
/// multiply-adds each (well under a millisecond at 256²).
/// </summary>
public static class PushPullFill
{
    /// <summary>What a fill with no confident pixel at all gives: mid grey, neutral under any render.</summary>
    internal const float NoDataGrey = 128f;

    /// <summary>
    /// <paramref name="image"/> with each pixel replaced by c·w + (1 − w)·(fill from its surroundings), w =
    /// <paramref name="confidence"/> (one value per pixel, row-major, clamped to [0, 1]; NaN counts as 0).
    /// </summary>
    public static RgbImage Fill(RgbImage image, ReadOnlySpan<float> confidence)
    {
        ArgumentNullException.ThrowIfNull(image);
        var filled = new RgbImage(image.Width, image.Height);
        Fill(image, confidence, filled);
        return filled;
    }

    /// <summary>
    /// <see cref="Fill(RgbImage, ReadOnlySpan{float})"/> into <paramref name="destination"/>, an image of the same size
    /// (<paramref name="image"/> itself is allowed), so a caller filling every video frame can reuse one.
    /// </summary>
    public static void Fill(RgbImage image, ReadOnlySpan<float> confidence, RgbImage destination)
    {
        HoleFillArguments.Check(image, confidence, destination);
        var pixels = image.Width * image.Height;

        var levels = new List<Level> { new(image.Width, image.Height) };
        try
        {
            var finest = levels[0];
            for (var i = 0; i < pixels; i++)
            {
                finest.Weight[i] = HoleFillArguments.Weight(confidence[i]);
                finest.Colour[3 * i] = image.Pixels[3 * i];
                finest.Colour[3 * i + 1] = image.Pixels[3 * i + 1];
                finest.Colour[3 * i + 2] = image.Pixels[3 * i + 2];
            }
            while (levels[^1].Width > 1 || levels[^1].Height > 1)
            {
                levels.Add(Pull(levels[^1]));
            }

            var top = levels[^1];
            if (top.Weight[0] <= 0f)
            {
                top.Colour.AsSpan(0, 3).Fill(NoDataGrey);
            }
            for (var l = levels.Count - 2; l >= 0; l--)
            {
                Push(levels[l + 1], levels[l]);
            }

            for (var i = 0; i < 3 * pixels; i++)
            {
                destination.Pixels[i] = (byte)Math.Clamp((int)(finest.Colour[i] + 0.5f), 0, 255);
            }
        }
        finally
        {
            foreach (var level in levels)
            {
                level.Return();
            }
        }
    }

    /// <summary>
    /// One pyramid level: colour (RGB, interleaved, 0…255) and confidence per pixel, in pooled arrays (a fill runs per
    /// video frame; fresh ones would be a megabyte of large-object heap each time at 256²). Every entry is written
    /// before it is read, so the pool's old contents never show.
    /// </summary>
    private sealed class Level(int width, int height)
    {
        public int Width { get; } = width;
        public int Height { get; } = height;
        public float[] Colour { get; } = ArrayPool<float>.Shared.Rent(width * height * 3);
        public float[] Weight { get; } = ArrayPool<float>.Shared.Rent(width * height);

        public void Return()
        {
            ArrayPool<float>.Shared.Return(Colour);
            ArrayPool<float>.Shared.Return(Weight);
        }
    }

    /// <summary>The next coarser level: ⌈w/2⌉ × ⌈h/2⌉, children outside an odd-sized level skipped.</summary>
    private static Level Pull(Level fine)
    {
        var coarse = new Level((fine.Width + 1) / 2, (fine.Height + 1) / 2);
        for (var y = 0; y < coarse.Height; y++)
        {
            for (var x = 0; x < coarse.Width; x++)
            {
                float weight = 0f, r = 0f, g = 0f, b = 0f;
                for (var fy = 2 * y; fy < Math.Min(2 * y + 2, fine.Height); fy++)
                {
                    for (var fx = 2 * x; fx < Math.Min(2 * x + 2, fine.Width); fx++)
                    {
                        var i = fy * fine.Width + fx;
                        var w = fine.Weight[i];
                        weight += w;
                        r += w * fine.Colour[3 * i];
                        g += w * fine.Colour[3 * i + 1];
                        b += w * fine.Colour[3 * i + 2];
                    }
                }

                var j = y * coarse.Width + x;
                var scale = weight > 0f ? 1f / weight : 0f;
                coarse.Colour[3 * j] = r * scale;
                coarse.Colour[3 * j + 1] = g * scale;
                coarse.Colour[3 * j + 2] = b * scale;
                // Capped sum, not mean: one confident child makes the parent confident, so a hole is filled from the
                // nearest level that sees any of its surroundings rather than smeared with coarser, farther colours.
                coarse.Weight[j] = MathF.Min(weight, 1f);
            }
        }
        return coarse;
    }

    /// <summary>fine = w·fine + (1 − w)·upsample(coarse), bilinear with half-pixel centres (no blocky 2×2 steps).</summary>
    private static void Push(Level coarse, Level fine)
    {
        for (var y = 0; y < fine.Height; y++)
        {
            var cy = Math.Clamp((y + 0.5f) / 2f - 0.5f, 0f, coarse.Height - 1);
            var y0 = (int)cy;
            var y1 = Math.Min(y0 + 1, coarse.Height - 1);
            var ty = cy - y0;
            for (var x = 0; x < fine.Width; x++)
            {
                var i = y * fine.Width + x;
                var w = fine.Weight[i];
                if (w >= 1f)
                {
                    continue;
                }
                var cx = Math.Clamp((x + 0.5f) / 2f - 0.5f, 0f, coarse.Width - 1);
                var x0 = (int)cx;
                var x1 = Math.Min(x0 + 1, coarse.Width - 1);
                var tx = cx - x0;
                for (var c = 0; c < 3; c++)
                {
                    var top = Lerp(coarse.Colour[3 * (y0 * coarse.Width + x0) + c], coarse.Colour[3 * (y0 * coarse.Width + x1) + c], tx);
                    var bottom = Lerp(coarse.Colour[3 * (y1 * coarse.Width + x0) + c], coarse.Colour[3 * (y1 * coarse.Width + x1) + c], tx);
                    fine.Colour[3 * i + c] = w * fine.Colour[3 * i + c] + (1f - w) * Lerp(top, bottom, ty);
                }
            }
        }
    }

    private static float Lerp(float a, float b, float t) => a + t * (b - a);
}
