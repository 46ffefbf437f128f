using System.Diagnostics;
using PortraitStream.Inference.Imaging;
using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Media.Video;

/// <summary>
/// Encodes I420 pictures into a video file through the ffmpeg CLI: raw yuv420p on stdin (our I420 layout exactly),
/// H.264 (libx264, in Debian's ffmpeg) out, at the input's frame rate.
/// </summary>
public sealed class FfmpegVideoWriter : IAsyncDisposable
{
    private readonly Process _ffmpeg;
    private readonly Task<string> _stderr;
    private readonly int _width, _height;

    private FfmpegVideoWriter(Process ffmpeg, int width, int height)
    {
        _ffmpeg = ffmpeg;
        _stderr = ffmpeg.StandardError.ReadToEndAsync();
        (_width, _height) = (width, height);
    }

    /// <summary>Starts ffmpeg writing <paramref name="path"/> (overwritten); sizes must be even (4:2:0).</summary>
    public static FfmpegVideoWriter Start(string path, int width, int height, string frameRate)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new ImageIoException($"{path}: directory {directory} does not exist");
        }

        var ffmpeg = ExternalTool.Start("ffmpeg", ["-nostdin", "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", $"{width}x{height}",
            "-framerate", frameRate, "-i", "pipe:0", "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-fps_mode", "passthrough", path],
            redirectInput: true);
        return new FfmpegVideoWriter(ffmpeg, width, height);
    }

    public async Task WriteAsync(I420Frame picture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(picture);
        if (picture.Width != _width || picture.Height != _height)
        {
            throw new ArgumentException($"writer is {_width}×{_height}, picture is {picture.Width}×{picture.Height}", nameof(picture));
        }

        try
        {
            await _ffmpeg.StandardInput.BaseStream.WriteAsync(picture.Buffer.AsMemory(0, picture.Length), cancellationToken).ConfigureAwait(false);
        }
        catch (IOException)
        {
            await FailAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Ends the stream and waits for ffmpeg to finish the file.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        _ffmpeg.StandardInput.Close();
        await _ffmpeg.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (_ffmpeg.ExitCode != 0)
        {
            await FailAsync().ConfigureAwait(false);
        }
    }

    private async Task FailAsync()
    {
        await _ffmpeg.WaitForExitAsync().ConfigureAwait(false);
        throw new ImageIoException($"ffmpeg could not write the video: {(await _stderr.ConfigureAwait(false)).Trim()}");
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
