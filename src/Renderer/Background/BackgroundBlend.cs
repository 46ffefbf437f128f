using System.Numerics;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// The one formula that puts a layer under a render. <see cref="RenderTarget.Rgba"/> is colour premultiplied over black
/// with alpha = opacity, so the render over an opaque background is out = rgb + (1 − α)·background, alpha 1 (Porter
/// and Duff's "over", 1984). Pixels the render already covers fully (α = 255) are left untouched, so a layer costs
/// only where the render is transparent.
/// </summary>
internal static class BackgroundBlend
{
    public const byte Opaque = 255;

    /// <summary>Pixel <paramref name="index"/> of <paramref name="rgba"/> over <paramref name="background"/> (0…255 per channel).</summary>
    public static void Under(byte[] rgba, int index, Vector3 background)
    {
        var p = 4 * index;
        var transmittance = (Opaque - rgba[p + 3]) * (1f / Opaque);
        rgba[p] = ToByte(rgba[p] + transmittance * background.X);
        rgba[p + 1] = ToByte(rgba[p + 1] + transmittance * background.Y);
        rgba[p + 2] = ToByte(rgba[p + 2] + transmittance * background.Z);
        rgba[p + 3] = Opaque;
    }

    /// <summary>
    /// True when every pixel is fully covered: nothing of any background would show, so nothing need be made (the
    /// built-in relief covers its whole view at the default zoom, and a far layer costs milliseconds to build).
    /// </summary>
    public static bool IsOpaque(RenderTarget target)
    {
        var rgba = target.Rgba;
        for (var i = 3; i < rgba.Length; i += 4)
        {
            if (rgba[i] != Opaque)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The whole target over one colour.</summary>
    public static void UnderColour(RenderTarget target, BackgroundColour colour)
    {
        var background = colour.ToVector();
        var rgba = target.Rgba;
        for (var i = 0; i < rgba.Length / 4; i++)
        {
            if (rgba[4 * i + 3] != Opaque)
            {
                Under(rgba, i, background);
            }
        }
    }

    /// <summary>
    /// The target's columns from <paramref name="column"/> over a picture as wide as them (RGB, same pixel order): the
    /// whole target, or one stereo eye's half of it.
    /// </summary>
    public static void UnderPicture(RenderTarget target, RgbImage picture, int column = 0)
    {
        if (picture.Height != target.Height || column < 0 || column + picture.Width > target.Width)
        {
            throw new ArgumentException($"background picture is {picture.Width}×{picture.Height}, the target {target.Width}×{target.Height} from column {column}", nameof(picture));
        }
        var rgba = target.Rgba;
        var rgb = picture.Pixels;
        for (var y = 0; y < picture.Height; y++)
        {
            for (var x = 0; x < picture.Width; x++)
            {
                var i = y * target.Width + column + x;
                var p = y * picture.Width + x;
                if (rgba[4 * i + 3] != Opaque)
                {
                    Under(rgba, i, new Vector3(rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2]));
                }
            }
        }
    }

    /// <summary>Rounded to nearest; premultiplied colour rounded up by a half level may overshoot 255 by one, hence the clamp.</summary>
    private static byte ToByte(float value) => (byte)Math.Min((int)(value + 0.5f), Opaque);
}
