using System.Threading.Channels;
using FFMpegCore;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;
using PortraitStream.Inference.Imaging;
using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Media.Video;

/// <summary>
/// Encodes I420 pictures into a video file through ffmpeg, driven by FFMpegCore: raw yuv420p frames (our I420 layout
/// exactly) on a <see cref="RawVideoPipeSource"/>, H.264 (libx264, in Debian's ffmpeg) out, at the input's frame rate,
/// with the audio of <c>audioFrom</c> copied through unchanged when given.
/// </summary>
internal sealed class FfmpegVideoWriter : IAsyncDisposable
{
    private readonly Channel<IVideoFrame> _frames = Channel.CreateBounded<IVideoFrame>(2);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;
    private readonly int _width, _height;
    private readonly Task _encoding;

    private FfmpegVideoWriter(string path, int width, int height, double framesPerSecond, string? audioFrom)
    {
        (_path, _width, _height) = (path, width, height);
        // RawVideoPipeSource takes a blocking enumerable and reads its first frame for the size before ffmpeg starts,
        // so the whole run goes on a pool thread; WriteAsync feeds it through the channel.
        var source = new RawVideoPipeSource(_frames.Reader.ReadAllAsync(_stop.Token).ToBlockingEnumerable()) { FrameRate = framesPerSecond };
        var input = FFMpegArguments.FromPipeInput(source);
        if (audioFrom is not null)
        {
            input = input.AddFileInput(audioFrom);
        }
        var run = input.OutputToFile(path, overwrite: true, o =>
        {
            o.WithCustomArgument("-c:v libx264 -preset veryfast -pix_fmt yuv420p -fps_mode passthrough");
            if (audioFrom is not null)
            {
                o.WithCustomArgument("-map 0:v:0 -map 1:a -c:a copy");
            }
        }).CancellableThrough(_stop.Token);
        _encoding = Task.Run(() => run.ProcessAsynchronously(throwOnError: true));
    }

    /// <summary>
    /// Starts ffmpeg writing <paramref name="path"/> (overwritten) at <paramref name="framesPerSecond"/>; sizes must be
    /// even (4:2:0). <paramref name="audioFrom"/>: a file whose audio streams are copied into the output, or null.
    /// </summary>
    public static FfmpegVideoWriter Start(string path, int width, int height, double framesPerSecond, string? audioFrom = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new ImageIoException($"{path}: directory {directory} does not exist");
        }
        return new FfmpegVideoWriter(path, width, height, framesPerSecond, audioFrom);
    }

    /// <summary>Queues a copy of <paramref name="picture"/> (the caller may reuse it at once).</summary>
    public async Task WriteAsync(I420Frame picture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(picture);
        if (picture.Width != _width || picture.Height != _height)
        {
            throw new ArgumentException($"writer is {_width}×{_height}, picture is {picture.Width}×{picture.Height}", nameof(picture));
        }
        if (_encoding.IsCompleted)
        {
            await FailAsync().ConfigureAwait(false); // ffmpeg ended early: say why instead of queueing into nothing
        }
        await _frames.Writer.WriteAsync(new I420VideoFrame(_width, _height, picture.Planes.ToArray()), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the stream and waits for ffmpeg to finish the file.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        _frames.Writer.TryComplete();
        await FailAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task FailAsync()
    {
        try
        {
            await _encoding.ConfigureAwait(false);
        }
        catch (FFMpegException e)
        {
            throw new ImageIoException($"{_path}: ffmpeg could not write the video ({e.Message.Trim()})", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_encoding.IsCompleted)
        {
            await FfmpegStop.RequestAsync(_stop).ConfigureAwait(false);
        }
        try
        {
            await _encoding.ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or FFMpegException)
        {
            // Abandoned (an error elsewhere ended the run) or already reported by CompleteAsync.
        }
        _stop.Dispose();
    }

    /// <summary>One I420 picture as FFMpegCore's pipe source writes it: the three planes back to back.</summary>
    private sealed record I420VideoFrame(int Width, int Height, byte[] Planes) : IVideoFrame
    {
        public string PixelFormat => "yuv420p";

        public void Serialize(Stream pipe) => pipe.Write(Planes);

        public Task SerializeAsync(Stream pipe, CancellationToken token) => pipe.WriteAsync(Planes, token).AsTask();
    }
}
