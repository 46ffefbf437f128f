namespace PortraitStream.Inference.Imaging;

/// <summary>
/// Upper bounds on decoded images, checked from the file's header before any pixel is decoded, so a hostile or
/// accidental huge image is refused instead of exhausting memory.
/// </summary>
public sealed record ImageLimits
{
    /// <summary>Largest width or height accepted (pixels).</summary>
    public int MaxSide { get; init; } = 8192;

    /// <summary>Largest width × height accepted (pixels): 40 MP, more than any webcam or phone portrait.</summary>
    public long MaxPixels { get; init; } = 40_000_000;

    public static ImageLimits Default { get; } = new();

    /// <summary>Throws <see cref="ImageIoException"/> when <paramref name="width"/> × <paramref name="height"/> breaks a limit.</summary>
    public void Check(string source, int width, int height)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ImageIoException($"{source}: image has no pixels ({width}×{height})");
        }
        if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
        {
            throw new ImageIoException($"{source}: image is {width}×{height}, over the limit of {MaxSide} px a side and {MaxPixels / 1_000_000.0:0.#} MP");
        }
    }
}
