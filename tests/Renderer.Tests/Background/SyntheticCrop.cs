using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Background;

/// <summary>
/// An aligned crop with a person matte, drawn: a background whose red channel is 4 × the column and blue 255 minus
/// that, no green at all (so any green in a result came from the person, and red reads back the crop column a pixel
/// shows); a pure green disc for the person, its matte 1 inside, 0 outside, with a soft edge mixed as a camera and
/// a segmenter would see it.
/// </summary>
internal static class SyntheticCrop
{
    public const int Size = 64;
    public const float PersonRadius = 16f;

    /// <summary>Width of the matte's soft edge, pixels.</summary>
    private const float EdgeWidth = 3f;

    public static (RgbImage Crop, float[] Matte) PersonOverGradient()
    {
        var crop = new RgbImage(Size, Size);
        var matte = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var distance = MathF.Sqrt(Square(x + 0.5f - Size / 2f) + Square(y + 0.5f - Size / 2f));
                var person = Math.Clamp((PersonRadius - distance) / EdgeWidth + 0.5f, 0f, 1f);
                matte[y * Size + x] = person;
                var background = Background(x);
                var pixel = crop.Pixel(x, y);
                pixel[0] = (byte)MathF.Round((1 - person) * background[0]);
                pixel[1] = (byte)MathF.Round(person * 255f);
                pixel[2] = (byte)MathF.Round((1 - person) * background[2]);
            }
        }
        return (crop, matte);
    }

    /// <summary>The background colour of column x: red 4x, green 0, blue 255 − 4x.</summary>
    public static byte[] Background(int x) => [(byte)(4 * x), 0, (byte)(255 - 4 * x)];

    /// <summary>A fully transparent render target (nothing rendered): the layer shows everywhere.</summary>
    public static RenderTarget Transparent(int size = Size) => RenderTarget.Allocate(size, size);

    private static float Square(float x) => x * x;
}
