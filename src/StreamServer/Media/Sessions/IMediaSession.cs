using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// The seam between transport and processing: one peer's video in as decoded pictures with capture times, our video
/// out as pictures. Codecs, RTP timestamps, key-frame requests (PLI/FIR) and the REMB-driven bitrate stay behind it,
/// so the pipeline and echo mode never see a packet. Audio is not carried yet: a session is video only.
/// </summary>
internal interface IMediaSession
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
    /// sends it; false when the encoder dropped it or the peer takes no video. One caller at a time.
    /// </summary>
    bool TrySendVideo(I420Frame picture, TimeSpan captureTime, out int encodedBytes);

    /// <summary>Figures for the session's stats.</summary>
    MediaSessionStats Stats { get; }

    /// <summary>Completes with the reason once the session ended, by itself or closed.</summary>
    Task<string> Closed { get; }

    /// <summary>Ends the session (idempotent).</summary>
    void Close(string reason);
}
