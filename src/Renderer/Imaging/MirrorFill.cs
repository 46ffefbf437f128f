using System.Buffers;

namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// Fills the low-confidence pixels of an image by continuing the texture around them into the hole rather than
/// averaging it: along each row and each column, a hole pixel d pixels from the hole's edge takes the pixel d pixels
/// outside that edge (the visible run reflected about the edge, as symmetric boundary extension does, ping-ponging
/// when the hole is wider than the run), so stripes, edges and gradients that meet the hole run on into it at their
/// own period and contrast. Up to four such guesses (left, right, above, below) are blended with weights d⁻²
/// (<see cref="Weight"/>): the nearest edge decides, the guesses cross-fade only where two edges are
/// about as near (the middle of the hole), and a guess whose run is shorter than its reach counts for less (a narrow
/// gap between hair and shoulder does not tile across the hole). Pixels whose row and column are all hole take a
/// second round from the pixels the first one filled. The result is then read softer the deeper a pixel lies in the
/// hole (<see cref="FillPyramid"/>, <see cref="Softness"/>): sharp (a 3 × 3 box) on the edge's first pixel, where the
/// reflection continues the room, keeping detail about as large as the depth further in, so what reflections get
/// wrong far from their edge (reversed diagonals, kaleidoscopes, hand-over seams) fades to the room's local colours.
/// Cost: two passes over the lines, a Gaussian pyramid and one pass over the hole.
/// <para>
/// The same contract as <see cref="PushPullFill"/>: each pixel becomes c·w + (1 − w)·fill, w its confidence, so a
/// confident pixel keeps its colour exactly; only fully confident pixels are copied into the hole. No confident pixel
/// at all gives push-pull's mid grey.
/// </para>
/// </summary>
public static class MirrorFill
{
    /// <summary>
    /// Depth (pixels inside the hole) up to which the fill is read at full sharpness (the 3 × 3 box's). 2 and 4 kept
    /// more of the reflections' detail near the edge, looked about the same at ±30°, and moved the fidelity
    /// benchmark's identity beside a turned face further from the unsoftened fill's (perf/RESULTS-fidelity.md).
    /// </summary>
    private const float SharpReach = 1f;

    /// <summary>
    /// <paramref name="destination"/> (the image's size; <paramref name="image"/> itself is allowed) = each pixel of
    /// <paramref name="image"/> as c·w + (1 − w)·(fill from its surroundings), w = <paramref name="confidence"/> (one
    /// value per pixel, row-major, clamped to [0, 1]; NaN counts as 0).
    /// </summary>
    public static void Fill(RgbImage image, ReadOnlySpan<float> confidence, RgbImage destination)
    {
        HoleFillArguments.Check(image, confidence, destination);
        var (width, height) = (image.Width, image.Height);
        var pixels = width * height;

        // Pooled: a fill runs per analysed frame. Every entry is written before it is read.
        var colour = ArrayPool<float>.Shared.Rent(3 * pixels);
        var sum = ArrayPool<float>.Shared.Rent(3 * pixels);
        var total = ArrayPool<float>.Shared.Rent(pixels);
        var weight = ArrayPool<float>.Shared.Rent(pixels);
        var source = ArrayPool<bool>.Shared.Rent(pixels);
        var depth = ArrayPool<float>.Shared.Rent(pixels);
        try
        {
            var holes = 0;
            for (var i = 0; i < pixels; i++)
            {
                weight[i] = HoleFillArguments.Weight(confidence[i]);
                source[i] = weight[i] >= 1f;
                depth[i] = source[i] ? 0f : float.PositiveInfinity;
                holes += source[i] ? 0 : 1;
                for (var c = 0; c < 3; c++)
                {
                    colour[3 * i + c] = image.Pixels[3 * i + c];
                }
            }
            if (holes == pixels)
            {
                colour.AsSpan(0, 3 * pixels).Fill(PushPullFill.NoDataGrey);
            }
            // Round one reaches every pixel whose row or column holds a source; round two, from those, all the rest.
            for (var round = 0; round < 2 && holes > 0 && holes < pixels; round++)
            {
                holes = Round(colour, source, depth, width, height, sum, total);
            }

            using var soft = new FillPyramid(colour, width, height);
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    var i = y * width + x;
                    var w = weight[i];
                    if (w >= 1f)
                    {
                        image.Pixels.AsSpan(3 * i, 3).CopyTo(destination.Pixels.AsSpan(3 * i, 3));
                        continue;
                    }
                    var fill = soft.At(x, y, Softness(depth[i]));
                    for (var c = 0; c < 3; c++)
                    {
                        destination.Pixels[3 * i + c] = (byte)Math.Clamp((int)(w * image.Pixels[3 * i + c] + (1f - w) * fill[c] + 0.5f), 0, 255);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(colour);
            ArrayPool<float>.Shared.Return(sum);
            ArrayPool<float>.Shared.Return(total);
            ArrayPool<float>.Shared.Return(weight);
            ArrayPool<bool>.Shared.Return(source);
            ArrayPool<float>.Shared.Return(depth);
        }
    }

    /// <summary>
    /// One round: every non-source pixel with a source in its row or column takes the weighted mean of its mirrored
    /// guesses and becomes a source for the next round. Returns how many pixels are still not sources.
    /// </summary>
    private static int Round(float[] colour, bool[] source, float[] depth, int width, int height, float[] sum, float[] total)
    {
        var pixels = width * height;
        Array.Clear(sum, 0, 3 * pixels);
        Array.Clear(total, 0, pixels);
        for (var y = 0; y < height; y++)
        {
            Guess(colour, source, depth, y * width, 1, width, sum, total);
        }
        for (var x = 0; x < width; x++)
        {
            Guess(colour, source, depth, x, width, height, sum, total);
        }
        var left = 0;
        for (var i = 0; i < pixels; i++)
        {
            if (source[i])
            {
                continue;
            }
            if (total[i] > 0f)
            {
                for (var c = 0; c < 3; c++)
                {
                    colour[3 * i + c] = sum[3 * i + c] / total[i];
                }
                source[i] = true;
            }
            else
            {
                left++;
            }
        }
        return left;
    }

    /// <summary>
    /// Adds the mirrored guesses along one line (<paramref name="count"/> pixels from <paramref name="start"/>,
    /// <paramref name="step"/> apart: a row or a column) to each hole pixel's weighted sums, and lowers its
    /// <paramref name="depth"/> to the steps along the line to the hole's edge plus the edge pixel's own depth (0 for
    /// the image's own pixels, more for those round one filled): the distance to the nearest source along rows and
    /// columns, up to √2 times the straight one, which is as near as the softening needs and costs no extra pass.
    /// </summary>
    private static void Guess(float[] colour, bool[] source, float[] depth, int start, int step, int count, float[] sum, float[] total)
    {
        var k = 0;
        while (k < count)
        {
            if (source[start + k * step])
            {
                k++;
                continue;
            }
            // A hole run [a, b], with the source runs [before, a − 1] and [b + 1, after] beside it (either may be empty).
            var a = k;
            var b = a;
            while (b + 1 < count && !source[start + (b + 1) * step])
            {
                b++;
            }
            var before = a;
            while (before > 0 && source[start + (before - 1) * step])
            {
                before--;
            }
            var after = b;
            while (after + 1 < count && source[start + (after + 1) * step])
            {
                after++;
            }
            var (leftRun, rightRun) = (a - before, after - b);
            for (var h = a; h <= b; h++)
            {
                var target = start + h * step;
                if (leftRun > 0)
                {
                    var d = h - a + 1;
                    Add(colour, start + (a - 1 - Reflect(d - 1, leftRun)) * step, target, Weight(d, leftRun), sum, total);
                    depth[target] = MathF.Min(depth[target], depth[start + (a - 1) * step] + d);
                }
                if (rightRun > 0)
                {
                    var d = b - h + 1;
                    Add(colour, start + (b + 1 + Reflect(d - 1, rightRun)) * step, target, Weight(d, rightRun), sum, total);
                    depth[target] = MathF.Min(depth[target], depth[start + (b + 1) * step] + d);
                }
            }
            k = b + 1;
        }
    }

    /// <summary>Offset <paramref name="k"/> (0, 1, …) folded into a run of <paramref name="run"/> pixels by reflecting at both its ends.</summary>
    private static int Reflect(int k, int run)
    {
        var m = k % (2 * run);
        return m < run ? m : 2 * run - 1 - m;
    }

    /// <summary>
    /// The weight of a guess from d pixels away: d⁻², scaled down by run / d where the run is too short to reach d
    /// without repeating. Near an edge, where the fill is read sharp, that edge's guess dominates (at 2 pixels against
    /// another edge's 10 it counts 25 times more), so the texture is not averaged with a copy out of phase; deeper in,
    /// the guesses cross-fade over a band about a third of the depth wide, where d⁻⁴ handed over in a step that the
    /// softening only blurred into a seam (a ramp's reflection and its copy differ by twice the depth times its slope).
    /// </summary>
    private static float Weight(int d, int run)
    {
        var squared = (float)d * d;
        return MathF.Min(1f, (float)run / d) / squared;
    }

    /// <summary>
    /// The pyramid level a hole pixel <paramref name="depth"/> pixels from the nearest source reads its fill at:
    /// log₂(depth / <see cref="SharpReach"/>), so the fill keeps detail about as large as its depth and finer detail
    /// fades in step with the distance. Near the edge a reflected stripe or edge meets its original and reads as a
    /// continuation; deeper in, what a reflection gets wrong — a diagonal coming back as a V, two edges' reflections
    /// meeting in a kaleidoscope, the step where a row's guess hands over to a column's, one row's colour carried
    /// across — would be the loudest thing in the picture, and there only the room's local colours are kept.
    /// </summary>
    private static float Softness(float depth) => MathF.Log2(depth / SharpReach);

    private static void Add(float[] colour, int from, int to, float weight, float[] sum, float[] total)
    {
        sum[3 * to] += weight * colour[3 * from];
        sum[3 * to + 1] += weight * colour[3 * from + 1];
        sum[3 * to + 2] += weight * colour[3 * from + 2];
        total[to] += weight;
    }
}
