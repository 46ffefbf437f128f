using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using PortraitStream.Server.Media.Audio;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Viewers;
using PortraitStream.Server.WebRtc.Rtcp;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// A media session over one <see cref="PeerConnection"/>: the codec the offer chose (VP8 with libvpx, H.264 with
/// OpenH264) decoded on the reader's thread, pictures encoded at the REMB-driven bitrate with a key frame whenever the peer asks, RTP timestamps turned into capture
/// times and back; Opus packets passed through with capture times, and restamped on the way out. A
/// <see cref="MediaTimeline"/> measures the video's latency that the audio waits out. Every picture sent also goes to the
/// session's WHEP <see cref="Viewers"/>. Owns the connection, the codecs and the viewers; <see cref="DisposeAsync"/>
/// releases them all.
/// </summary>
internal sealed class WebRtcMediaSession(string id, MediaSessionOrigin origin, PeerConnection connection, ViewerFanOut viewers) : IMediaSession, IAsyncDisposable
{
    private readonly VideoDecoder _decoder = VideoCodecs.CreateDecoder(connection.Receiver.Codec);
    private readonly VideoStreamEncoder _encoder = VideoCodecs.CreateStreamEncoder(connection.Receiver.Codec);
    private readonly ArrayBufferWriter<byte> _encoded = new(64 * 1024);
    private readonly RtpTimestampUnwrapper _receivedClock = new();
    private readonly RtpTimestampUnwrapper _receivedAudioClock = new();
    private readonly MediaTimeline _timeline = new();
    private readonly OpusRestamper _audioClock = new();
    private readonly OutgoingRtpClock _sentClock = new();
    private ulong _videoReportSeen, _audioReportSeen;

    public string Id { get; } = id;

    public MediaSessionOrigin Origin { get; } = origin;

    /// <summary>The transport underneath, for the session table's counters and diagnostics only.</summary>
    public PeerConnection Connection { get; } = connection;

    /// <summary>Who watches this session over WHEP.</summary>
    public ViewerFanOut Viewers { get; } = viewers;

    public Task<string> Closed => Connection.Closed;

    public MediaSessionStats Stats => new(Connection.Sender.RoundTripTime, Connection.Sender.Bitrate.TargetBitrate,
        Connection.AudioReceiver?.Received ?? 0, Connection.AudioSender?.PacketsSent ?? 0, AudioDelay, _timeline.SoundCorrection);

    public bool PeerReceivesAudio => Connection.PeerReceivesAudio;

    public TimeSpan AudioDelay => _timeline.AudioDelay;

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
        if (NewReport(Connection.Receiver.LastSenderReport, ref _videoReportSeen, frame.RtpTimestamp, captured, RtpReceiver.ClockRate) is { } report)
        {
            _timeline.OnVideoSenderReport(report.Captured, report.Wallclock);
        }

        _timeline.OnVideoArrived(captured, arrived);
        return new ReceivedVideoFrame(picture, captured, arrived);
    }

    public async IAsyncEnumerable<ReceivedAudioPacket> ReceiveAudioAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Connection.AudioReceiver is not { } receiver)
        {
            yield break;
        }

        await foreach (var packet in receiver.Packets.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var captured = TimeSpan.FromSeconds(_receivedAudioClock.Locate(packet.RtpTimestamp) / (double)AudioOffer.ClockRate);
            if (NewReport(receiver.LastSenderReport, ref _audioReportSeen, packet.RtpTimestamp, captured, AudioOffer.ClockRate) is { } report)
            {
                _timeline.OnAudioSenderReport(report.Captured, report.Wallclock);
            }

            yield return new ReceivedAudioPacket(packet.Payload, captured, _timeline.OnAudioArrived(captured, packet.ArrivedTicks), packet.Marker);
        }
    }

    /// <summary>
    /// The peer's sender report for a stream, the first time it is seen (<paramref name="seen"/>: the last one's NTP
    /// time): its RTP timestamp as a capture time, located from a packet of the same stream (<paramref name="rtpTimestamp"/>
    /// captured at <paramref name="captured"/>), and the sender's wallclock then, in seconds.
    /// </summary>
    private static (TimeSpan Captured, double Wallclock)? NewReport(SenderReport? report, ref ulong seen, uint rtpTimestamp, TimeSpan captured, int clockRate)
    {
        if (report is not { } sr || sr.NtpTimestamp == seen)
        {
            return null;
        }

        seen = sr.NtpTimestamp;
        return (captured + TimeSpan.FromSeconds((int)(sr.RtpTimestamp - rtpTimestamp) / (double)clockRate), NtpTime.ToSeconds(sr.NtpTimestamp));
    }

    public bool TrySendAudio(ReceivedAudioPacket packet, long dueTicks) =>
        Connection.PeerReceivesAudio && Connection.AudioSender is { } sender && _audioClock.TrySend(sender, packet, dueTicks);

    public bool TrySendVideo(I420Frame picture, TimeSpan captureTime, out int encodedBytes)
    {
        encodedBytes = 0;
        long ticks = _sentClock.Next(captureTime);
        // Encoded once per codec its viewers use; nothing at all while nobody watches.
        int viewerBytes = Viewers.Send(picture, ticks, _timeline.VideoDueTicks(captureTime) ?? Stopwatch.GetTimestamp());
        if (!Connection.PeerReceivesVideo)
        {
            // A publisher's session sends nothing back to its publisher. The render's latency is still what the
            // audio of this session must wait.
            _timeline.OnVideoSent(captureTime, Stopwatch.GetTimestamp());
            encodedBytes = viewerBytes;
            return viewerBytes > 0;
        }

        // The session's own figures (its stats, the bitrate its page shows) stay what its peer was sent.
        _encoded.ResetWrittenCount();
        if (!_encoder.TryEncode(picture, ticks, Connection.Sender.Bitrate.TargetBitrate, Connection.Sender.TakeKeyFrameRequest(), _encoded, out _))
        {
            return false;
        }

        // Measured once encoded: the packets leave now, and the audio of this instant should too.
        var presentation = _timeline.OnVideoSent(captureTime, Stopwatch.GetTimestamp());
        Connection.Sender.SendFrame(_encoded.WrittenSpan, unchecked((uint)ticks), presentation);
        encodedBytes = _encoded.WrittenCount;
        return true;
    }

    /// <summary>Ends the viewers, closes the connection and frees the sockets, the OpenSSL objects and the codecs; the reader and the sender must have stopped.</summary>
    public async ValueTask DisposeAsync()
    {
        await Viewers.DisposeAsync().ConfigureAwait(false);
        await Connection.DisposeAsync().ConfigureAwait(false);
        _decoder.Dispose();
        _encoder.Dispose();
    }
}
