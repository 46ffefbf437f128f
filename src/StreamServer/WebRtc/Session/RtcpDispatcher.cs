using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// Routes each packet of a decrypted compound RTCP datagram from the browser to the stage that acts on
/// it: SR to the video's and the audio's receivers (LSR, and the stream's RTP clock against the sender's wallclock),
/// report blocks, NACK, PLI, FIR and REMB to the sender.
/// </summary>
internal static class RtcpDispatcher
{
    /// <summary>Dispatches; returns false when the compound was malformed (what came before still counts).</summary>
    public static bool Dispatch(ReadOnlySpan<byte> compound, RtpReceiver receiver, OpusRtpReceiver? audio, RtpSender sender)
    {
        Span<ushort> lost = stackalloc ushort[256];
        var walk = new RtcpCompoundEnumerator(compound);
        while (walk.MoveNext())
        {
            var packet = walk.Current.Bytes;
            switch (walk.Current.Header.PacketType)
            {
                case RtcpPacketType.SenderReport when SenderReport.TryRead(packet, out var sr, out int count):
                    receiver.OnSenderReport(sr);
                    audio?.OnSenderReport(sr);
                    ForwardBlocks(packet[SenderReport.BlocksOffset..], count, sender);
                    break;
                case RtcpPacketType.ReceiverReport when ReceiverReport.TryRead(packet, out _, out int count):
                    ForwardBlocks(packet[ReceiverReport.BlocksOffset..], count, sender);
                    break;
                case RtcpPacketType.TransportFeedback when GenericNack.TryRead(packet, out var nack, out var fci) && nack.MediaSsrc == sender.Ssrc:
                    sender.OnNack(lost[..GenericNack.CopyLostSequences(fci, lost)]);
                    break;
                case RtcpPacketType.PayloadFeedback:
                    DispatchPayloadFeedback(packet, sender);
                    break;
            }
        }

        return walk.EndedCleanly;
    }

    private static void DispatchPayloadFeedback(ReadOnlySpan<byte> packet, RtpSender sender)
    {
        if (PictureLossIndication.TryRead(packet, out var pli))
        {
            if (pli.MediaSsrc == sender.Ssrc)
            {
                sender.OnKeyFrameRequest();
            }
        }
        else if (FullIntraRequest.TryRead(packet, out _, out uint target, out _))
        {
            if (target == sender.Ssrc)
            {
                sender.OnKeyFrameRequest();
            }
        }
        else if (ReceiverEstimatedMaxBitrate.TryRead(packet, out ulong bitrate, out _))
        {
            sender.OnRemb(bitrate);
        }
    }

    private static void ForwardBlocks(ReadOnlySpan<byte> blocks, int count, RtpSender sender)
    {
        for (int i = 0; i < count; i++)
        {
            if (ReportBlocks.TryGet(blocks, i, out var block))
            {
                sender.OnReceptionReport(block);
            }
        }
    }
}
