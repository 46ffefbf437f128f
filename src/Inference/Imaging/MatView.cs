using OpenCvSharp;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Imaging;

/// <summary>
/// OpenCV <see cref="Mat"/> headers over our own pixel arrays: no copy, the array pinned while the Mat lives (dispose
/// it). OpenCV calls the three channels B, G, R; for warps and resizes the order does not matter, and the codecs
/// convert explicitly.
/// </summary>
internal static class MatView
{
    public static Mat Of(RgbImage image) => Of(image.Pixels, image.Width, image.Height, MatType.CV_8UC3);

    public static Mat Of(byte[] pixels, int width, int height, MatType type) => Mat.FromPixelData(height, width, type, pixels);
}
