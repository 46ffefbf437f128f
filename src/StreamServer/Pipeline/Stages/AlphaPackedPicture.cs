using PortraitStream.Renderer;
using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// A render's opacity carried in a video frame, which has no alpha of its own (for web/overlay.html): for a W × S
/// render (S², or 2S × S side-by-side stereo) a frame W wide and 2S + <see cref="GuardRows"/> high, the colour
/// premultiplied over black in rows [0, S), a black guard band, and the opacity as grey in the last S rows (luma =
/// BT.601 limited range 16 + 219·α, chroma neutral).
/// <para>
/// Why this layout. Colour above alpha rather than beside it, so a side-by-side stereo frame (left | right) packs the
/// same way below itself. Premultiplied colour, because it is what the renderer writes and what a page composites
/// with (ONE, ONE_MINUS_SRC_ALPHA) without dividing by a small, codec-noisy alpha; and because premultiplied values
/// are the ones that average correctly when the encoder halves the chroma (4:2:0), the colour and its alpha fade
/// to black together at the edge instead of leaving a rim of the wrong colour. Alpha in luma, because luma keeps the
/// full resolution. The guard band is one 16-row macroblock row (RFC 6386 §2: VP8 codes 16 × 16 macroblocks) and
/// S is a multiple of 16, so no macroblock holds both colour and alpha; what the loop filter (§15, up to three pixels
/// on each side of a macroblock edge) and intra prediction from the row above carry across either seam is the guard's
/// black — transparent in either half — never the alpha's white into the colour or the colour's texture into the
/// alpha; 16 rows also keep each half's 4:2:0 chroma rows to itself.
/// </para>
/// </summary>
internal static class AlphaPackedPicture
{
    /// <summary>One VP8 macroblock row between the colour and the alpha.</summary>
    public const int GuardRows = 16;

    private const byte BlackLuma = 16, WhiteLuma = 235, NeutralChroma = 128;

    /// <summary>The packed frame's height for a render <paramref name="rows"/> high.</summary>
    public static int Height(int rows) => 2 * rows + GuardRows;

    /// <summary>First row of the alpha half.</summary>
    public static int AlphaTop(int rows) => rows + GuardRows;

    /// <summary>Packs <paramref name="target"/> (colour premultiplied over black, as rendered) into <paramref name="picture"/>.</summary>
    public static void Pack(RenderTarget target, I420Frame picture)
    {
        ArgumentNullException.ThrowIfNull(target);
        CheckSize(target.Width, target.Height, picture);
        I420Conversion.FromRgba32(target.Rgba, target.Width * 4, picture, target.Height);
        var rgba = target.Rgba;
        var alphaRows = picture.Y[(AlphaTop(target.Height) * picture.StrideY)..];
        picture.Y.Slice(target.Height * picture.StrideY, GuardRows * picture.StrideY).Fill(BlackLuma);
        for (var i = 0; i < target.Width * target.Height; i++)
        {
            alphaRows[i] = (byte)(BlackLuma + ((WhiteLuma - BlackLuma) * rgba[4 * i + 3] + 127) / 255);
        }
        NeutralBelow(target.Height, picture);
    }

    /// <summary>Nothing at all: colour black, alpha 0 (what an overlay shows while no face is tracked).</summary>
    public static void Clear(I420Frame picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        CheckSize(picture.Width, (picture.Height - GuardRows) / 2, picture);
        picture.Y.Fill(BlackLuma);
        NeutralBelow(0, picture);
    }

    /// <summary>Neutral chroma from luma row <paramref name="row"/> (even) down: grey for the guard band and the alpha.</summary>
    private static void NeutralBelow(int row, I420Frame picture)
    {
        var start = row / 2 * picture.StrideU;
        picture.U[start..].Fill(NeutralChroma);
        picture.V[start..].Fill(NeutralChroma);
    }

    private static void CheckSize(int width, int height, I420Frame picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        if (width % 16 != 0 || height % 16 != 0 || picture.Width != width || picture.Height != Height(height))
        {
            throw new ArgumentException($"a {width}×{height} render packs into {width}×{Height(height)} with its sides multiples of 16, not {picture.Width}×{picture.Height}", nameof(picture));
        }
    }
}
