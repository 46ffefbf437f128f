using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// Fits a W×H image into a square detector input without distortion: the longer side spans the input, the shorter is
/// centred with equal margins. <see cref="InputToImage"/> maps input pixels to image pixels.
/// </summary>
internal readonly record struct Letterbox(AffineTransform2D InputToImage)
{
    public static Letterbox Fit(int width, int height, int inputSize)
    {
        float side = Math.Max(width, height);
        var scale = side / inputSize;
        return new Letterbox(new AffineTransform2D(scale, 0, 0, scale, (width - side) / 2, (height - side) / 2));
    }
}
