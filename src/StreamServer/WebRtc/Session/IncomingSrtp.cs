using PortraitStream.Server.WebRtc.Demux;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// The receive path of one SRTP or SRTCP datagram from the validated peer (RFC 7983 sorted it here): unprotected in
/// place, then RTCP to <see cref="RtcpDispatcher"/>, Opus to the audio receiver and the rest to the video receiver;
/// what fails is counted and dropped. <see cref="PeerConnection"/>'s receive loop runs it, and so does the start-up
/// warm-up, in memory.
/// </summary>
internal static class IncomingSrtp
{
    public static void Handle(Span<byte> datagram, SecureRtpTransport transport, RtpReceiver video, OpusRtpReceiver? audio,
        RtpSender sender, PeerConnectionCounters counters)
    {
        if (PacketClassifier.IsRtcp(datagram))
        {
            if (!transport.TryUnprotectRtcp(datagram, out int length))
            {
                counters.Unprotectable++;
            }
            else if (!RtcpDispatcher.Dispatch(datagram[..length], video, audio, sender))
            {
                counters.MalformedRtcp++;
            }
        }
        else if (transport.TryUnprotectRtp(datagram, out int length))
        {
            if (audio?.TryTake(datagram[..length]) != true)
            {
                video.OnRtp(datagram[..length]);
            }
        }
        else
        {
            counters.Unprotectable++;
        }
    }
}
