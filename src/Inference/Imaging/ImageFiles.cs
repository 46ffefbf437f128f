using OpenCvSharp;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Imaging;

/// <summary>
/// Reads still images (PNG, JPEG, WebP, BMP) to RGB24 and writes PNG, in process through OpenCV's image codecs
/// (libpng, libjpeg, libwebp). The frame size is read from the file's header (<see cref="ImageHeader"/>) and checked
/// against <see cref="ImageLimits"/> before any pixel is decoded. EXIF orientation is ignored, as the ffmpeg CLI
/// this replaces ignored it: the pixels come back in stored order.
/// </summary>
public sealed class ImageFiles(ImageLimits? limits = null)
{
    private readonly ImageLimits _limits = limits ?? ImageLimits.Default;

    /// <summary>
    /// OpenCV logs a decoder's complaints as warnings on stderr before answering with an empty Mat; this class turns
    /// that answer into one <see cref="ImageIoException"/>, so the warnings would only be a second, noisier report.
    /// </summary>
    static ImageFiles() => Cv2.SetLogLevel(LogLevel.ERROR);

    /// <summary>Decodes the image at <paramref name="path"/> to RGB24 (alpha, if any, dropped: an encoder takes RGB).</summary>
    public async Task<RgbImage> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ImageIoException($"{path}: file not found");
        }
        if (info.Length == 0)
        {
            throw new ImageIoException($"{path}: file is empty");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Decode(path, bytes);
    }

    /// <summary>Decodes image file bytes; <paramref name="source"/> names them in error messages.</summary>
    public RgbImage Decode(string source, byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!ImageHeader.TryReadSize(bytes, out var width, out var height, out var why))
        {
            throw new ImageIoException($"{source}: not a readable image ({why})");
        }
        _limits.Check(source, width, height);
        if (ImageHeader.IsCutShortPng(bytes))
        {
            throw new ImageIoException($"{source}: cannot decode image (the PNG is cut short before its IEND chunk)");
        }

        using var decoded = DecodeBgr(source, bytes);
        if (decoded.Empty() || decoded.Width != width || decoded.Height != height)
        {
            // OpenCV answers a truncated or corrupt stream with an empty Mat (its decoders report the reason on stderr).
            throw new ImageIoException($"{source}: cannot decode image (truncated or corrupt {width}×{height} data)");
        }

        var image = new RgbImage(width, height);
        using var rgb = MatView.Of(image);
        Cv2.CvtColor(decoded, rgb, ColorConversionCodes.BGR2RGB);
        return image;
    }

    private static Mat DecodeBgr(string source, byte[] bytes)
    {
        try
        {
            return Cv2.ImDecode(bytes, ImreadModes.Color | ImreadModes.IgnoreOrientation);
        }
        catch (OpenCVException e)
        {
            throw new ImageIoException($"{source}: cannot decode image ({e.Message})", e);
        }
    }

    /// <summary>Writes <paramref name="image"/> as a PNG file (overwriting).</summary>
    public static Task WritePngAsync(RgbImage image, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var rgb = MatView.Of(image);
        using var bgr = new Mat();
        Cv2.CvtColor(rgb, bgr, ColorConversionCodes.RGB2BGR);
        return WritePngAsync(bgr, path, cancellationToken);
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
        using var source = MatView.Of(rgba, width, height, MatType.CV_8UC4);
        using var bgra = new Mat();
        Cv2.CvtColor(source, bgra, ColorConversionCodes.RGBA2BGRA);
        return WritePngAsync(bgra, path, cancellationToken);
    }

    private static async Task WritePngAsync(Mat bgrOrBgra, string path, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new ImageIoException($"{path}: directory {directory} does not exist");
        }
        if (!Cv2.ImEncode(".png", bgrOrBgra, out var png))
        {
            throw new ImageIoException($"{path}: cannot encode PNG");
        }
        try
        {
            await File.WriteAllBytesAsync(path, png, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImageIoException($"{path}: cannot write PNG ({e.Message})", e);
        }
    }
}
