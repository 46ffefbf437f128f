using PortraitStream.Server.WebRtc.Rtp;

namespace PortraitStream.Server.WebRtc.Video;

/// <summary>
/// Turns one codec's RTP payloads, given in sequence order, back into whole frames. After any loss it hands out
/// nothing until the next key frame, because inter frames decoded against a missing reference are corrupt;
/// <see cref="NeedsKeyFrame"/> tells the receiver to ask for one (PLI).
/// </summary>
internal interface IVideoDepacketizer
{
    /// <summary>True from the start, after any loss and after <see cref="AwaitKeyFrame"/>, until a key frame completes.</summary>
    bool NeedsKeyFrame { get; }

    /// <summary>Frames out, drops and malformed input.</summary>
    DepacketizerCounters Counters { get; }

    /// <summary>Adds one packet; true when it completed a frame that can be decoded.</summary>
    bool TryPush(in RtpHeader header, ReadOnlySpan<byte> payload, out DepacketizedFrame frame);

    /// <summary>
    /// A frame this depacketizer handed out was lost further on (dropped before the decoder, or refused by it): hands out
    /// no inter frame until the next key frame, as after a loss of its own.
    /// </summary>
    void AwaitKeyFrame();
}
