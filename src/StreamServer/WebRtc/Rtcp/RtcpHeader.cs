using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>
/// The common 4-byte header of every RTCP packet (RFC 3550 §6.4.1): version, padding, a 5-bit count
/// (report count, source count or feedback FMT, RFC 4585 §6.1), packet type and length in words minus one.
/// </summary>
internal readonly record struct RtcpHeader(byte Count, byte PacketType, int LengthWords, bool Padding = false)
{
    /// <summary>RFC 3550 §6.4.1.</summary>
    public const int Length = 4;

    private const int Version = 2;
    private const byte PaddingBit = 0x20, CountMask = 0x1F;

    /// <summary>Whole packet length in bytes, header included.</summary>
    public int PacketLength => (LengthWords + 1) * 4;

    /// <summary>Reads a header; false when the version is not 2.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out RtcpHeader header)
    {
        header = default;
        if (data.Length < Length || data[0] >> 6 != Version)
        {
            return false;
        }

        header = new RtcpHeader((byte)(data[0] & CountMask), data[1], BinaryPrimitives.ReadUInt16BigEndian(data[2..]),
            (data[0] & PaddingBit) != 0);
        return true;
    }

    /// <summary>Writes the header for a packet of <paramref name="packetLength"/> bytes (a multiple of 4).</summary>
    public static bool TryWrite(Span<byte> destination, byte count, byte packetType, int packetLength)
    {
        if (destination.Length < Length || packetLength % 4 != 0 || count > CountMask)
        {
            return false;
        }

        destination[0] = (byte)((Version << 6) | count);
        destination[1] = packetType;
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)((packetLength / 4) - 1));
        return true;
    }
}

/// <summary>RTCP packet types (RFC 3550 §12.1, RFC 4585 §6.1).</summary>
internal static class RtcpPacketType
{
    /// <summary>Sender report.</summary>
    public const byte SenderReport = 200;
    /// <summary>Receiver report.</summary>
    public const byte ReceiverReport = 201;
    /// <summary>Source description.</summary>
    public const byte SourceDescription = 202;
    /// <summary>Goodbye.</summary>
    public const byte Bye = 203;
    /// <summary>Transport-layer feedback (NACK).</summary>
    public const byte TransportFeedback = 205;
    /// <summary>Payload-specific feedback (PLI, FIR, REMB).</summary>
    public const byte PayloadFeedback = 206;
}

/// <summary>Feedback message types carried in the count field (RFC 4585 §6.2–6.3, RFC 5104 §4.3).</summary>
internal static class RtcpFeedbackFormat
{
    /// <summary>RTPFB: generic NACK (RFC 4585 §6.2.1).</summary>
    public const byte GenericNack = 1;
    /// <summary>PSFB: picture loss indication (RFC 4585 §6.3.1).</summary>
    public const byte PictureLoss = 1;
    /// <summary>PSFB: full intra request (RFC 5104 §4.3.1).</summary>
    public const byte FullIntraRequest = 4;
    /// <summary>PSFB: application layer feedback, used by REMB (draft-alvestrand-rmcat-remb §2.2).</summary>
    public const byte ApplicationLayer = 15;
}
