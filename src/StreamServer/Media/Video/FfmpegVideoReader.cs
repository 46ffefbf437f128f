using System.Diagnostics;
using System.Globalization;
using PortraitStream.Inference.Imaging;

namespace PortraitStream.Server.Media.Video;

/// <summary>
/// Decodes a video file frame by frame through the ffmpeg CLI (raw RGB24 on a pipe; ffprobe for the size and rate
/// first). Every decoded frame is delivered, none duplicated or dropped (<c>-fps_mode passthrough</c>).
/// </summary>
public sealed class FfmpegVideoReader : IAsyncDisposable
{
    /// <summary>ffprobe reads a container's header; a minute covers any local file.</summary>
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _ffmpeg;
    private readonly Task<string> _stderr;

    private FfmpegVideoReader(Process ffmpeg, int width, int height, string frameRate)
    {
        _ffmpeg = ffmpeg;
        _stderr = ffmpeg.StandardError.ReadToEndAsync();
        (Width, Height, FrameRate) = (width, height, frameRate);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The stream's frame rate as ffprobe states it ("30/1", "30000/1001").</summary>
    public string FrameRate { get; }

    /// <summary>The frame rate in frames per second.</summary>
    public double FramesPerSecond
    {
        get
        {
            var parts = FrameRate.Split('/');
            var num = double.Parse(parts[0], CultureInfo.InvariantCulture);
            var den = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : 1;
            return num > 0 && den > 0 ? num / den : 30;
        }
    }

    public static async Task<FfmpegVideoReader> OpenAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path))
        {
            throw new ImageIoException($"{path}: file not found");
        }

        var probe = await ExternalTool.RunAsync("ffprobe",
            ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height,r_frame_rate", "-of", "csv=p=0", path],
            ReadOnlyMemory<byte>.Empty, ProbeTimeout, cancellationToken).ConfigureAwait(false);
        var fields = System.Text.Encoding.ASCII.GetString(probe.Stdout).Trim().Split(',');
        if (fields.Length < 3 || !int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height) || width == 0 || height == 0
            || !fields[2].Split('/').All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new ImageIoException($"{path}: no readable video stream");
        }

        ImageLimits.Default.Check(path, width, height);
        var ffmpeg = ExternalTool.Start("ffmpeg", ["-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-fps_mode", "passthrough",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "pipe:1"], redirectInput: false);
        return new FfmpegVideoReader(ffmpeg, width, height, fields[2]);
    }

    /// <summary>The next frame, or null after the last one.</summary>
    public async Task<RgbImage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        var image = new RgbImage(Width, Height);
        var read = await _ffmpeg.StandardOutput.BaseStream.ReadAtLeastAsync(image.Pixels, image.Pixels.Length, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        if (read == image.Pixels.Length)
        {
            return image;
        }

        await _ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (_ffmpeg.ExitCode != 0 || read != 0)
        {
            throw new ImageIoException($"ffmpeg could not decode the video: {(await _stderr.ConfigureAwait(false)).Trim()}");
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_ffmpeg.HasExited)
        {
            _ffmpeg.Kill(entireProcessTree: true);
        }

        await _ffmpeg.WaitForExitAsync().ConfigureAwait(false);
        _ffmpeg.Dispose();
    }
}
