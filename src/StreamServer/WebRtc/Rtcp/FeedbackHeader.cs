using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>
/// The common part of every feedback message (RFC 4585 §6.1): header with FMT, the sender's SSRC and
/// the media source's SSRC, followed by feedback control information (FCI) at offset 12.
/// </summary>
internal readonly record struct FeedbackHeader(byte Format, byte PacketType, uint SenderSsrc, uint MediaSsrc)
{
    /// <summary>Header, sender SSRC, media SSRC.</summary>
    public const int Length = 12;

    /// <summary>Reads the header of a feedback packet of <paramref name="packetType"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, byte packetType, out FeedbackHeader header, out ReadOnlySpan<byte> fci)
    {
        header = default;
        fci = default;
        if (!RtcpHeader.TryRead(packet, out var common) || common.PacketType != packetType
            || packet.Length < Length || common.PacketLength > packet.Length)
        {
            return false;
        }

        header = new FeedbackHeader(common.Count, common.PacketType,
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]), BinaryPrimitives.ReadUInt32BigEndian(packet[8..]));
        fci = packet[Length..common.PacketLength];
        return true;
    }

    /// <summary>Writes the header of a packet whose FCI is <paramref name="fciLength"/> bytes.</summary>
    public bool TryWrite(Span<byte> destination, int fciLength, out int written)
    {
        written = Length + fciLength;
        if (destination.Length < written || !RtcpHeader.TryWrite(destination, Format, PacketType, written))
        {
            written = 0;
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], SenderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], MediaSsrc);
        return true;
    }
}
