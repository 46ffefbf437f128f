using System.Globalization;
using System.Threading.Channels;
using FFMpegCore;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Media.Video;

/// <summary>
/// Decodes a video file frame by frame through ffmpeg, driven by FFMpegCore: <see cref="FFProbe"/> for the size, rate
/// and audio first, then raw RGB24 frames on a <see cref="StreamPipeSink"/>. Every decoded frame is delivered, none
/// duplicated or dropped (<c>-fps_mode passthrough</c>). Frames wait in a two-deep channel, so ffmpeg decodes ahead
/// by no more than that.
/// </summary>
internal sealed class FfmpegVideoReader : IAsyncDisposable
{
    private readonly Channel<RgbImage> _frames = Channel.CreateBounded<RgbImage>(2);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;
    private Task _decoding = Task.CompletedTask;

    private FfmpegVideoReader(string path, int width, int height, string frameRate, bool hasAudio)
    {
        _path = path;
        (Width, Height, FrameRate, HasAudio) = (width, height, frameRate, hasAudio);
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>The stream's frame rate as ffprobe states it ("30/1", "30000/1001").</summary>
    public string FrameRate { get; }

    /// <summary>Whether the file has an audio stream (render-video copies it through).</summary>
    public bool HasAudio { get; }

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

        IMediaAnalysis analysis;
        try
        {
            analysis = await FFProbe.AnalyseAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FFMpegException or System.Text.Json.JsonException or System.ComponentModel.Win32Exception)
        {
            throw new ImageIoException($"{path}: no readable video stream ({FirstLine(e.Message)})", e);
        }

        // The raw stream keeps ffprobe's rational r_frame_rate ("30000/1001"); the parsed one is a double.
        var video = analysis.Raw.Streams.FirstOrDefault(s => s.CodecType == "video");
        if (video is not { Width: > 0 and var width, Height: > 0 and var height, FrameRate: { } rate }
            || !rate.Split('/').All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new ImageIoException($"{path}: no readable video stream");
        }

        ImageLimits.Default.Check(path, width, height);
        var reader = new FfmpegVideoReader(path, width, height, rate, analysis.AudioStreams.Count > 0);
        reader.Start();
        return reader;
    }

    private void Start()
    {
        var sink = new StreamPipeSink(PumpAsync) { Format = "rawvideo" };
        _decoding = Task.Run(async () =>
        {
            try
            {
                await FFMpegArguments.FromFileInput(_path)
                    .OutputToPipe(sink, o => o.WithCustomArgument("-map 0:v:0 -fps_mode passthrough -pix_fmt rgb24"))
                    .CancellableThrough(_stop.Token)
                    .ProcessAsynchronously(throwOnError: true).ConfigureAwait(false);
                _frames.Writer.TryComplete();
            }
            catch (Exception e) when (e is FFMpegException or ImageIoException or IOException)
            {
                _frames.Writer.TryComplete(e as ImageIoException ?? new ImageIoException($"{_path}: ffmpeg could not decode the video ({FirstLine(e.Message)})", e));
            }
            catch (OperationCanceledException e)
            {
                _frames.Writer.TryComplete(e);
            }
        });
    }

    /// <summary>
    /// Cuts ffmpeg's output into whole frames; a short last frame means the decoder died mid-frame. FFMpegCore cancels
    /// the token it passes in as soon as ffmpeg exits, while the last frames still sit in the pipe behind a slow
    /// consumer, so only our own stop token may end the pump.
    /// </summary>
    private async Task PumpAsync(Stream stdout, CancellationToken _)
    {
        var cancellationToken = _stop.Token;
        var frameBytes = Width * Height * RgbImage.BytesPerPixel;
        while (true)
        {
            var image = new RgbImage(Width, Height);
            var read = await stdout.ReadAtLeastAsync(image.Pixels, frameBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }
            if (read < frameBytes)
            {
                throw new ImageIoException($"{_path}: the video ends inside a frame ({read} of {frameBytes} bytes)");
            }
            await _frames.Writer.WriteAsync(image, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The next frame, or null after the last one.</summary>
    /// <exception cref="ImageIoException">ffmpeg failed on the file.</exception>
    public async Task<RgbImage?> ReadAsync(CancellationToken cancellationToken = default)
    {
        return await _frames.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false) && _frames.Reader.TryRead(out var image)
            ? image
            : null;
    }

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "no diagnostic output";

    public async ValueTask DisposeAsync()
    {
        await FfmpegStop.RequestAsync(_stop).ConfigureAwait(false);
        _frames.Writer.TryComplete();
        while (_frames.Reader.TryRead(out _))
        {
            // Unblocks a pump waiting to hand over a frame, so the decoding task can end.
        }
        await _decoding.ConfigureAwait(false);
        _stop.Dispose();
    }
}
