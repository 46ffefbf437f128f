using System.Buffers;
using System.Diagnostics;
using System.Threading.Channels;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Pipeline.Health;

/// <summary>
/// The media session <see cref="PipelineWarmup"/> runs a pipeline on: no peer, pictures handed in by the warm-up, and
/// every picture the pipeline sends encoded and decoded again with each codec a peer may negotiate (a key frame each
/// time, as a new session's first frame is), so the first real session finds the codec libraries loaded and their
/// managed paths compiled. One feeder, one pipeline.
/// </summary>
internal sealed class WarmUpMediaSession : IMediaSession, IDisposable
{
    private const int Bitrate = 1_000_000;

    private readonly Channel<ReceivedVideoFrame> _incoming = Channel.CreateUnbounded<ReceivedVideoFrame>();
    private readonly Channel<TimeSpan> _sent = Channel.CreateUnbounded<TimeSpan>();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly (VideoStreamEncoder Encoder, VideoDecoder Decoder)[] _codecs =
        [.. Enum.GetValues<VideoCodec>().Select(codec => (VideoCodecs.CreateStreamEncoder(codec), VideoCodecs.CreateDecoder(codec)))];
    private readonly ArrayBufferWriter<byte> _encoded = new();

    public string Id => "warm-up";

    public MediaSessionOrigin Origin => MediaSessionOrigin.Hub;

    public bool PeerReceivesAudio => false;

    public TimeSpan AudioDelay => TimeSpan.Zero;

    public MediaSessionStats Stats => new(null, Bitrate);

    public Task<string> Closed => _closed.Task;

    /// <summary>Hands the pipeline <paramref name="image"/> as a picture decoded from the peer, captured at <paramref name="captureTime"/>.</summary>
    public void Feed(RgbImage image, TimeSpan captureTime)
    {
        var picture = I420Frame.Rent(image.Width, image.Height);
        I420Conversion.FromRgb24(image.Pixels, image.Stride, picture);
        if (!_incoming.Writer.TryWrite(new ReceivedVideoFrame(picture, captureTime, Stopwatch.GetTimestamp())))
        {
            picture.Dispose();
        }
    }

    /// <summary>The capture time of the next picture the pipeline sends; throws <see cref="ChannelClosedException"/> once the session closed.</summary>
    public ValueTask<TimeSpan> NextSentAsync(CancellationToken cancellationToken) => _sent.Reader.ReadAsync(cancellationToken);

    public IAsyncEnumerable<ReceivedVideoFrame> ReceiveVideoAsync(CancellationToken cancellationToken) => _incoming.Reader.ReadAllAsync(cancellationToken);

    public bool TrySendVideo(I420Frame picture, TimeSpan captureTime, out int encodedBytes)
    {
        encodedBytes = 0;
        long timestamp = OutgoingRtpClock.Ticks(captureTime);
        foreach (var (encoder, decoder) in _codecs)
        {
            _encoded.ResetWrittenCount();
            if (encoder.TryEncode(picture, timestamp, Bitrate, keyFrame: true, _encoded, out _)
                && decoder.Decode(_encoded.WrittenSpan, out var decoded) == VideoDecodeStatus.Decoded)
            {
                decoded!.Dispose();
            }

            encodedBytes += _encoded.WrittenCount;
        }

        _sent.Writer.TryWrite(captureTime);
        return true;
    }

    public IAsyncEnumerable<ReceivedAudioPacket> ReceiveAudioAsync(CancellationToken cancellationToken) => AsyncEnumerable.Empty<ReceivedAudioPacket>();

    public bool TrySendAudio(ReceivedAudioPacket packet, long dueTicks) => false;

    public void Close(string reason)
    {
        if (_closed.TrySetResult(reason))
        {
            _incoming.Writer.TryComplete();
            _sent.Writer.TryComplete();
        }
    }

    public void Dispose()
    {
        Close("disposed");
        while (_incoming.Reader.TryRead(out var frame))
        {
            frame.Dispose();
        }

        foreach (var (encoder, decoder) in _codecs)
        {
            encoder.Dispose();
            decoder.Dispose();
        }
    }
}
