using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// A media session over one <see cref="PeerConnection"/>: the codec the offer chose (VP8 with libvpx, H.264 with
/// OpenH264) decoded on the reader's thread, pictures encoded at the REMB-driven bitrate with a key frame whenever the peer asks, RTP timestamps turned into capture
/// times and back. Owns the connection and the codecs; <see cref="DisposeAsync"/> releases them all.
/// </summary>
internal sealed class WebRtcMediaSession(string id, MediaSessionOrigin origin, PeerConnection connection) : IMediaSession, IAsyncDisposable
{
    private readonly VideoDecoder _decoder = VideoCodecs.CreateDecoder(connection.Receiver.Codec);
    private readonly VideoStreamEncoder _encoder = VideoCodecs.CreateStreamEncoder(connection.Receiver.Codec);
    private readonly ArrayBufferWriter<byte> _encoded = new(64 * 1024);
    private readonly RtpTimestampUnwrapper _receivedClock = new();
    private long _lastSentTicks;
    private bool _sentAny;

    public string Id { get; } = id;

    public MediaSessionOrigin Origin { get; } = origin;

    /// <summary>The transport underneath, for the session table's counters and diagnostics only.</summary>
    public PeerConnection Connection { get; } = connection;

    public Task<string> Closed => Connection.Closed;

    public MediaSessionStats Stats => new(Connection.Sender.RoundTripTime, Connection.Sender.Bitrate.TargetBitrate);

    public void Close(string reason) => Connection.Close(reason);

    public async IAsyncEnumerable<ReceivedVideoFrame> ReceiveVideoAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var frame in Connection.Receiver.Frames.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            ReceivedVideoFrame? decoded;
            using (frame)
            {
                decoded = Decode(frame);
            }

            if (decoded is not null)
            {
                yield return decoded;
            }
        }
    }

    private ReceivedVideoFrame? Decode(EncodedVideoFrame frame)
    {
        long arrived = Stopwatch.GetTimestamp();
        if (_decoder.Decode(frame.Data, out var picture) == VideoDecodeStatus.Failed)
        {
            Connection.Receiver.RequestKeyFrame();
            return null;
        }

        if (picture is null)
        {
            return null;
        }

        var captured = TimeSpan.FromSeconds(_receivedClock.Unwrap(frame.RtpTimestamp) / (double)RtpReceiver.ClockRate);
        return new ReceivedVideoFrame(picture, captured, arrived);
    }

    public bool TrySendVideo(I420Frame picture, TimeSpan captureTime, out int encodedBytes)
    {
        encodedBytes = 0;
        if (!Connection.PeerReceivesVideo)
        {
            return false; // a publisher's session: nobody to send to, so nothing is encoded
        }

        // Back on the incoming clock, so the browser sees the timestamps it sent; the encoders want them strictly increasing.
        long ticks = (long)Math.Round(captureTime.TotalSeconds * RtpReceiver.ClockRate);
        ticks = _sentAny ? Math.Max(ticks, _lastSentTicks + 1) : ticks;
        (_lastSentTicks, _sentAny) = (ticks, true);
        _encoded.ResetWrittenCount();
        if (!_encoder.TryEncode(picture, ticks, Connection.Sender.Bitrate.TargetBitrate, Connection.Sender.TakeKeyFrameRequest(), _encoded, out _))
        {
            return false;
        }

        Connection.Sender.SendFrame(_encoded.WrittenSpan, unchecked((uint)ticks));
        encodedBytes = _encoded.WrittenCount;
        return true;
    }

    /// <summary>Closes the connection and frees the socket, the OpenSSL objects and the codecs; the reader and the sender must have stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync().ConfigureAwait(false);
        _decoder.Dispose();
        _encoder.Dispose();
    }
}
