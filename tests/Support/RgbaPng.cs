using OpenCvSharp;

namespace PortraitStream.Tests.Support;

/// <summary>
/// Reads a PNG's pixels with their alpha (the product's reader decodes RGB only, all an encoder takes), through the
/// same OpenCV codecs: straight RGBA bytes, rows top to bottom.
/// </summary>
internal static class RgbaPng
{
    public static async Task<(int Width, int Height, byte[] Rgba)> ReadAsync(string path)
    {
        using var bgra = Cv2.ImDecode(await File.ReadAllBytesAsync(path), ImreadModes.Unchanged);
        Assert.Equal(MatType.CV_8UC4, bgra.Type());
        using var rgba = new Mat();
        Cv2.CvtColor(bgra, rgba, ColorConversionCodes.BGRA2RGBA);
        var bytes = new byte[rgba.Width * rgba.Height * 4];
        System.Runtime.InteropServices.Marshal.Copy(rgba.Data, bytes, 0, bytes.Length);
        return (rgba.Width, rgba.Height, bytes);
    }

    /// <summary>The PNG's colour type byte (IHDR): 2 = RGB, 6 = RGBA.</summary>
    public static byte ColourType(string path) => File.ReadAllBytes(path)[25];
}
