using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// One compound RTCP datagram of a timer tick (RFC 3550 §6.1): when a report is due, our video's SR and our audio's,
/// then our RR — with the peer's audio's report block beside its video's when one is due (§6.4.2) — and the video's
/// NACK and PLI. <see cref="PeerConnection"/>'s timer writes it, and so does the start-up warm-up, in memory.
/// </summary>
internal static class OutgoingRtcp
{
    /// <summary>Writes into <paramref name="destination"/> (1200 bytes is enough); returns the length, 0 when nothing is due.</summary>
    public static int Write(Span<byte> destination, bool reportDue, RtpSender video, OpusRtpSender? audio, RtpReceiver videoIn, OpusRtpReceiver? audioIn)
    {
        int length = reportDue ? video.WriteSenderReport(destination) : 0;
        length += reportDue && audio is not null ? audio.WriteSenderReport(destination[length..]) : 0;
        ReceptionReport heard = default;
        bool withAudio = reportDue && audioIn?.TryBuildReport(out heard) == true;
        return length + videoIn.WriteFeedback(destination[length..], reportDue, withAudio ? new ReadOnlySpan<ReceptionReport>(in heard) : default);
    }
}
