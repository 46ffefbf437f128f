using System.Globalization;

namespace PortraitStream.Inference.Imaging;

/// <summary>
/// Reads any image (or one frame of a video) that Debian's ffmpeg can decode, and writes PNG, through the ffprobe
/// and ffmpeg command-line tools with raw RGB24 pipes — the project links no imaging library.
/// The frame size is read with ffprobe first and checked against <see cref="ImageLimits"/> before decoding.
/// </summary>
public sealed class FfmpegImageIo(ImageLimits? limits = null)
{
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private readonly ImageLimits _limits = limits ?? ImageLimits.Default;

    /// <summary>Decodes frame <paramref name="frameIndex"/> (0 for a still image) of <paramref name="path"/> to RGB24.</summary>
    public async Task<RgbImage> ReadAsync(string path, int frameIndex = 0, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameIndex);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ImageIoException($"{path}: file not found");
        }
        if (info.Length == 0)
        {
            throw new ImageIoException($"{path}: file is empty");
        }

        var (width, height) = await ProbeSizeAsync(path, cancellationToken).ConfigureAwait(false);
        _limits.Check(path, width, height);

        // -xerror: a decoding error (truncated or corrupt data) fails the run instead of yielding a half-grey frame.
        var arguments = new List<string> { "-nostdin", "-v", "error", "-xerror", "-i", path };
        if (frameIndex > 0)
        {
            arguments.AddRange(["-vf", $"select=eq(n\\,{frameIndex})"]);
        }
        arguments.AddRange(["-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"]);
        var result = await ExternalTool.RunAsync("ffmpeg", arguments, ReadOnlyMemory<byte>.Empty, ToolTimeout, cancellationToken)
            .ConfigureAwait(false);

        var expected = width * height * RgbImage.BytesPerPixel;
        if (result.ExitCode != 0 || result.Stderr.Contains("error", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImageIoException($"{path}: cannot decode image ({ExternalTool.FirstLine(result.Stderr)})");
        }
        if (result.Stdout.Length != expected)
        {
            var what = result.Stdout.Length == 0 && frameIndex > 0 ? $"has no frame {frameIndex}" : $"decoded to {result.Stdout.Length} bytes, expected {expected}";
            throw new ImageIoException($"{path}: {what}");
        }
        return new RgbImage(width, height, result.Stdout);
    }

    /// <summary>Writes <paramref name="image"/> as a PNG file (overwriting).</summary>
    public static Task WritePngAsync(RgbImage image, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        return WriteRawPngAsync(image.Pixels, "rgb24", image.Width, image.Height, path, cancellationToken);
    }

    /// <summary>
    /// Writes <paramref name="width"/> × <paramref name="height"/> RGBA bytes (straight, not premultiplied, alpha, as PNG
    /// defines it) as an RGBA PNG file (overwriting).
    /// </summary>
    public static Task WriteRgbaPngAsync(byte[] rgba, int width, int height, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rgba);
        if (width <= 0 || height <= 0 || rgba.LongLength != 4L * width * height)
        {
            throw new ArgumentException($"{rgba.LongLength} bytes are not a {width}×{height} RGBA image", nameof(rgba));
        }
        return WriteRawPngAsync(rgba, "rgba", width, height, path, cancellationToken);
    }

    private static async Task WriteRawPngAsync(byte[] pixels, string pixelFormat, int width, int height, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new ImageIoException($"{path}: directory {directory} does not exist");
        }
        string[] arguments =
        [
            "-nostdin", "-v", "error", "-f", "rawvideo", "-pix_fmt", pixelFormat,
            "-s", $"{width}x{height}", "-i", "pipe:0", "-frames:v", "1", "-f", "image2", "-c:v", "png", "-y", path,
        ];
        var result = await ExternalTool.RunAsync("ffmpeg", arguments, pixels, ToolTimeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new ImageIoException($"{path}: cannot write PNG ({ExternalTool.FirstLine(result.Stderr)})");
        }
    }

    private static async Task<(int Width, int Height)> ProbeSizeAsync(string path, CancellationToken cancellationToken)
    {
        string[] arguments = ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path];
        var result = await ExternalTool.RunAsync("ffprobe", arguments, ReadOnlyMemory<byte>.Empty, ToolTimeout, cancellationToken)
            .ConfigureAwait(false);
        var text = System.Text.Encoding.ASCII.GetString(result.Stdout).Trim();
        var parts = text.Split(',');
        if (result.ExitCode != 0 || parts.Length < 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || width == 0 || height == 0)
        {
            // ffprobe reports 0×0 with exit code 0 for data its demuxer guessed from the extension but cannot parse.
            var why = string.IsNullOrWhiteSpace(result.Stderr) ? "no video stream" : ExternalTool.FirstLine(result.Stderr);
            throw new ImageIoException($"{path}: not a readable image ({why})");
        }
        return (width, height);
    }
}
