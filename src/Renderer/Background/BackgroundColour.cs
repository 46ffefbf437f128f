using System.Globalization;
using System.Numerics;

namespace PortraitStream.Renderer.Background;

/// <summary>An opaque sRGB colour, written #rrggbb.</summary>
public readonly record struct BackgroundColour(byte R, byte G, byte B)
{
    /// <summary>
    /// What <see cref="BackgroundMode.Remove"/> paints on video, which has no alpha: pure green, OBS's default chroma key.
    /// Green is the hue farthest from skin, and at full saturation it keeps its distance from skin tones through the
    /// pipeline's BT.601 limited-range I420 conversion (Y 145, U 54, V 34), 4:2:0 chroma subsampling and VP8.
    /// </summary>
    public static BackgroundColour ChromaKey { get; } = new(0, 255, 0);

    /// <summary>Reads "#rrggbb" (hex digits, either case); false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out BackgroundColour colour)
    {
        colour = default;
        if (text.Length != 7 || text[0] != '#'
            || !uint.TryParse(text[1..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return false;
        }
        colour = new BackgroundColour((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }

    /// <summary>R, G, B as 0…255 floats, as the compositor blends them.</summary>
    public Vector3 ToVector() => new(R, G, B);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{R:x2}{G:x2}{B:x2}");
}
