using PortraitStream.Inference.Imaging;

namespace PortraitStream.Tests.Support;

/// <summary>
/// Reads a PNG's pixels with their alpha (the product's reader decodes RGB only, all an encoder takes), through the
/// same ffmpeg CLI: straight RGBA bytes, rows top to bottom.
/// </summary>
internal static class RgbaPng
{
    public static async Task<(int Width, int Height, byte[] Rgba)> ReadAsync(string path)
    {
        var size = await new FfmpegImageIo().ReadAsync(path);
        string[] arguments = ["-nostdin", "-v", "error", "-i", path, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgba", "pipe:1"];
        var result = await ExternalTool.RunAsync("ffmpeg", arguments, ReadOnlyMemory<byte>.Empty, TimeSpan.FromSeconds(30), CancellationToken.None);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal(size.Width * size.Height * 4, result.Stdout.Length);
        return (size.Width, size.Height, result.Stdout);
    }

    /// <summary>The PNG's colour type byte (IHDR): 2 = RGB, 6 = RGBA.</summary>
    public static byte ColourType(string path) => File.ReadAllBytes(path)[25];
}
