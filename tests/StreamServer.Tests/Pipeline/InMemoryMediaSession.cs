using System.Diagnostics;
using System.Threading.Channels;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// A media session with no transport: the test writes decoded pictures in, and every picture the consumer sends is
/// recorded (its size and capture time). What the pipeline sees of a browser or a WHIP publisher, minus the sockets; its
/// audio is what the test hands it, and its peer takes none, like a publisher's.
/// </summary>
internal sealed class InMemoryMediaSession(string id) : IMediaSession
{
    private readonly Channel<ReceivedVideoFrame> _incoming = Channel.CreateUnbounded<ReceivedVideoFrame>();
    private readonly Channel<ReceivedAudioPacket> _incomingAudio = Channel.CreateUnbounded<ReceivedAudioPacket>();
    private readonly Channel<(int Width, int Height, TimeSpan CaptureTime)> _sent = Channel.CreateUnbounded<(int, int, TimeSpan)>();
    private readonly TaskCompletionSource<string> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id { get; } = id;

    public MediaSessionOrigin Origin => MediaSessionOrigin.Whip;

    public MediaSessionStats Stats => new(TimeSpan.FromMilliseconds(1), 1_000_000);

    public Task<string> Closed => _closed.Task;

    /// <summary>The pictures sent, in order.</summary>
    public ChannelReader<(int Width, int Height, TimeSpan CaptureTime)> Sent => _sent.Reader;

    /// <summary>Hands the consumer <paramref name="image"/> as a decoded picture captured at <paramref name="captureTime"/>.</summary>
    public void Receive(RgbImage image, TimeSpan captureTime)
    {
        var picture = I420Frame.Rent(image.Width, image.Height);
        I420Conversion.FromRgb24(image.Pixels, image.Stride, picture);
        _incoming.Writer.TryWrite(new ReceivedVideoFrame(picture, captureTime, Stopwatch.GetTimestamp()));
    }

    public IAsyncEnumerable<ReceivedVideoFrame> ReceiveVideoAsync(CancellationToken cancellationToken) => _incoming.Reader.ReadAllAsync(cancellationToken);

    public bool TrySendVideo(I420Frame picture, TimeSpan captureTime, out int encodedBytes)
    {
        encodedBytes = picture.Width * picture.Height;
        return _sent.Writer.TryWrite((picture.Width, picture.Height, captureTime));
    }

    public bool PeerReceivesAudio => false;

    public TimeSpan AudioDelay => TimeSpan.Zero;

    /// <summary>Hands the consumer one Opus packet from the peer.</summary>
    public void ReceiveAudio(ReceivedAudioPacket packet) => _incomingAudio.Writer.TryWrite(packet);

    public IAsyncEnumerable<ReceivedAudioPacket> ReceiveAudioAsync(CancellationToken cancellationToken) => _incomingAudio.Reader.ReadAllAsync(cancellationToken);

    public bool TrySendAudio(ReceivedAudioPacket packet, long dueTicks) => false;

    public void Close(string reason)
    {
        if (_closed.TrySetResult(reason))
        {
            _incoming.Writer.TryComplete();
            _incomingAudio.Writer.TryComplete();
        }
    }
}
