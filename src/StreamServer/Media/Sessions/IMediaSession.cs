using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// The seam between transport and processing: one peer's video in as decoded pictures with capture times, our video
/// out as pictures; its Opus audio in as packets with capture times, ours out as packets (forwarded, never transcoded).
/// Codecs, RTP timestamps and sequence numbers, key-frame requests (PLI/FIR) and the REMB-driven bitrate stay behind
/// it, so the pipeline and echo mode never see a packet header. Its <see cref="IAudioSink.TrySendAudio"/> sends to the
/// peer alone; the session's WHEP viewers hear its audio through the session table's audio fan-out.
/// </summary>
internal interface IMediaSession : IAudioSink
{
    /// <summary>The session's id: the SignalR connection that opened it, or the id in a WHIP resource's URL.</summary>
    string Id { get; }

    /// <summary>What opened the session.</summary>
    MediaSessionOrigin Origin { get; }

    /// <summary>
    /// The peer's pictures in arrival order, decoded (a picture that fails to decode asks the peer for a key frame and
    /// is skipped). One reader; each frame is the reader's to dispose. Ends when the session closes.
    /// </summary>
    IAsyncEnumerable<ReceivedVideoFrame> ReceiveVideoAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Encodes <paramref name="picture"/> (captured at <paramref name="captureTime"/> on the incoming video's clock) and
    /// sends it to the peer and to the session's WHEP viewers; false when the encoder dropped it or nobody takes video.
    /// <paramref name="encodedBytes"/> counts what the peer was sent, or the viewers' encodes where the peer takes no
    /// video (a WHIP publisher's session). One caller at a time.
    /// </summary>
    bool TrySendVideo(I420Frame picture, TimeSpan captureTime, out int encodedBytes);

    /// <summary>True when the peer takes our audio (a browser that offered Opus both ways); false for a publisher or without audio.</summary>
    bool PeerReceivesAudio { get; }

    /// <summary>
    /// The peer's Opus packets in arrival order (not reordered: see <see cref="ReceivedAudioPacket.CaptureTime"/>); empty
    /// when it sends none. One reader. Ends when the session closes.
    /// </summary>
    IAsyncEnumerable<ReceivedAudioPacket> ReceiveAudioAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How long this session's audio waits to leave with the video rendered from the same instant: the running
    /// capture→send latency of the video given to <see cref="TrySendVideo"/>, smoothed; zero before any.
    /// </summary>
    TimeSpan AudioDelay { get; }

    /// <summary>Figures for the session's stats.</summary>
    MediaSessionStats Stats { get; }

    /// <summary>Completes with the reason once the session ended, by itself or closed.</summary>
    Task<string> Closed { get; }

    /// <summary>Ends the session (idempotent).</summary>
    void Close(string reason);
}
