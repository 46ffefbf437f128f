using PortraitStream.Inference.Imaging;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// The picture on the far layer, made once per analysed frame from the encoder's crop (S × S) and its person matte:
/// <list type="number">
/// <item>the person's hole filled: push-pull (<see cref="PushPullFill"/>) from the pixels the matte calls background,
/// so a turned view shows background behind the person rather than a second, flat copy of them;</item>
/// <item>for <see cref="BackgroundMode.Blur"/>, a strong blur of that;</item>
/// <item>a margin of S / 16 pixels on every side fading from the crop's edge pixels to a heavily blurred continuation
/// of the crop, whose outermost ring a bilinear lookup then continues by edge clamping. A turned view sees far past
/// the crop (at 30° of yaw the image centre looks at the plane ≈ 0.44 world units aside, the crop is ≈ 0.75 wide
/// there): clamping the sharp crop would smear its edge pixels into streaks, clamping a blur gives smooth gradients.
/// The relief encoder's <c>ExtendedCrop</c> continues its crop the same way.</item>
/// </list>
/// </summary>
internal static class FarLayerTexture
{
    /// <summary>Matte values at or above this are the person: their colour must not reach the layer at all.</summary>
    private const float PersonMatte = 0.5f;

    /// <summary>Matte values at or below this are trusted background (confidence 1); in between confidence ramps down.</summary>
    private const float BackgroundMatte = 0.1f;

    /// <summary>
    /// The hole is widened by S / 128 pixels (2 at 256²): a matte's edge runs a pixel or two inside hair and shoulders,
    /// whose fringe colours would otherwise ring the filled hole.
    /// </summary>
    private const int HoleGrowthDivisor = 128;

    /// <summary>Margin beyond the crop (S / 16), as the relief encoder's extended crop.</summary>
    private const int MarginDivisor = 16;

    /// <summary>Blur radius of <see cref="BackgroundMode.Blur"/>: S / 32 (three box passes: σ ≈ 8.5 pixels at 256², 3 % of the width).</summary>
    private const int BlurDivisor = 32;

    /// <summary>Blur radius of the continuation beyond the crop: S / 16 (σ ≈ 16.5 pixels at 256²).</summary>
    private const int ContinuationDivisor = 16;

    /// <summary>
    /// The extended picture (crop + margin on every side) and the margin in pixels: crop pixel (x, y) is texture pixel
    /// (x + margin, y + margin). <paramref name="matte"/>: person probability per crop pixel, or null when no matte
    /// ran (then nothing is known to be the person and the crop is taken as it is).
    /// </summary>
    public static (RgbImage Texture, int Margin) Build(RgbImage crop, float[]? matte, bool blurred)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var side = Math.Max(crop.Width, crop.Height);
        var filled = matte is null ? crop : PushPullFill.Fill(crop, BackgroundConfidence(matte, crop.Width, crop.Height, Math.Max(1, side / HoleGrowthDivisor)));
        var inner = blurred ? BoxBlur.Blur(filled, Math.Max(1, side / BlurDivisor)) : filled;
        var continuation = BoxBlur.Blur(filled, Math.Max(1, side / ContinuationDivisor));
        var margin = Math.Max(1, side / MarginDivisor);
        return (Extend(inner, continuation, margin), margin);
    }

    /// <summary>
    /// Push-pull confidence per pixel: 1 where the matte is sure of background, 0 on the person, a ramp between; then
    /// the zeros grown by <paramref name="growth"/> pixels (a separable minimum filter).
    /// </summary>
    private static float[] BackgroundConfidence(float[] matte, int width, int height, int growth)
    {
        if (matte.Length != width * height)
        {
            throw new ArgumentException($"matte has {matte.Length} values, a {width}×{height} crop needs {width * height}", nameof(matte));
        }
        var confidence = new float[matte.Length];
        for (var i = 0; i < matte.Length; i++)
        {
            // A NaN from a broken matte is treated as the person: better a filled hole than a copy of the person.
            var m = float.IsNaN(matte[i]) ? 1f : matte[i];
            confidence[i] = Math.Clamp((PersonMatte - m) / (PersonMatte - BackgroundMatte), 0f, 1f);
        }
        var scratch = new float[matte.Length];
        MinimumAlong(confidence, scratch, width, height, growth, horizontal: true);
        MinimumAlong(scratch, confidence, width, height, growth, horizontal: false);
        return confidence;
    }

    /// <summary>destination = the minimum of source over ±radius pixels along rows (or columns), clamped at the edges.</summary>
    private static void MinimumAlong(float[] source, float[] destination, int width, int height, int radius, bool horizontal)
    {
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var minimum = 1f;
                for (var k = -radius; k <= radius; k++)
                {
                    var (sx, sy) = horizontal ? (Math.Clamp(x + k, 0, width - 1), y) : (x, Math.Clamp(y + k, 0, height - 1));
                    minimum = MathF.Min(minimum, source[sy * width + sx]);
                }
                destination[y * width + x] = minimum;
            }
        }
    }

    /// <summary>
    /// (W + 2m) × (H + 2m): inside, <paramref name="inner"/>; in the margin, its edge pixels fading linearly to
    /// <paramref name="continuation"/>'s (edge-clamped), pure continuation on the outermost ring.
    /// </summary>
    private static RgbImage Extend(RgbImage inner, RgbImage continuation, int margin)
    {
        var texture = new RgbImage(inner.Width + 2 * margin, inner.Height + 2 * margin);
        for (var ty = 0; ty < texture.Height; ty++)
        {
            var y = ty - margin;
            var cy = Math.Clamp(y, 0, inner.Height - 1);
            for (var tx = 0; tx < texture.Width; tx++)
            {
                var x = tx - margin;
                var cx = Math.Clamp(x, 0, inner.Width - 1);
                var outside = Math.Max(Math.Abs(x - cx), Math.Abs(y - cy));
                var weight = 1f - (float)outside / margin;
                var sharp = inner.Pixel(cx, cy);
                var soft = continuation.Pixel(cx, cy);
                var pixel = texture.Pixel(tx, ty);
                for (var c = 0; c < 3; c++)
                {
                    pixel[c] = (byte)Math.Clamp((int)(weight * sharp[c] + (1f - weight) * soft[c] + 0.5f), 0, 255);
                }
            }
        }
        return texture;
    }
}
