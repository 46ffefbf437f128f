using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>One report block of an SR or RR (RFC 3550 §6.4.1).</summary>
internal readonly record struct ReceptionReport(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint HighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    /// <summary>A report block is 24 bytes.</summary>
    public const int Length = 24;

    /// <summary>Reads one block.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out ReceptionReport report)
    {
        report = default;
        if (data.Length < Length)
        {
            return false;
        }

        // The cumulative number of packets lost is a signed 24-bit integer (RFC 3550 §6.4.1).
        int lost = (data[5] << 16) | (data[6] << 8) | data[7];
        if ((lost & 0x800000) != 0)
        {
            lost -= 1 << 24;
        }

        report = new ReceptionReport(
            BinaryPrimitives.ReadUInt32BigEndian(data),
            data[4],
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(data[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
        return true;
    }

    /// <summary>Writes one block; the cumulative loss is clamped to the 24-bit signed range.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            return false;
        }

        int lost = Math.Clamp(CumulativeLost, -(1 << 23), (1 << 23) - 1);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        destination[4] = FractionLost;
        destination[5] = (byte)(lost >> 16);
        destination[6] = (byte)(lost >> 8);
        destination[7] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], HighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
        return true;
    }
}
