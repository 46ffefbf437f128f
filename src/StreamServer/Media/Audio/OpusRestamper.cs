using System.Diagnostics;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Media.Audio;

/// <summary>
/// Puts forwarded Opus on one outgoing stream's clock: the packet's capture time from a random origin (RFC 3550 §5.1),
/// so gaps (lost packets, silence) stay gaps the receiver's decoder conceals, and its due instant as what the sender
/// report maps that timestamp to. One per outgoing audio stream (a session's peer, each WHEP viewer). Thread-safe.
/// </summary>
internal sealed class OpusRestamper
{
    private readonly uint _timestampBase = (uint)Random.Shared.NextInt64(uint.MaxValue);

    /// <summary>Sends <paramref name="packet"/> through <paramref name="sender"/> standing for <paramref name="dueTicks"/> (Stopwatch ticks); false when it is too long.</summary>
    public bool TrySend(OpusRtpSender sender, ReceivedAudioPacket packet, long dueTicks)
    {
        uint timestamp = unchecked(_timestampBase + (uint)(long)Math.Round(packet.CaptureTime.TotalSeconds * AudioOffer.ClockRate));
        var presentation = TimeSpan.FromSeconds((dueTicks - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        return sender.TrySend(packet.Payload.Span, timestamp, packet.Marker, presentation);
    }
}
