using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>
/// REMB (draft-alvestrand-rmcat-remb-03 §2.2): an application-layer PSFB whose FCI is "REMB", the SSRC
/// count, a bitrate as 6-bit exponent and 18-bit mantissa, and the SSRCs it applies to.
/// </summary>
internal static class ReceiverEstimatedMaxBitrate
{
    private const uint Identifier = 0x52454D42; // "REMB"
    private const int MantissaBits = 18;
    private const uint MantissaMask = (1 << MantissaBits) - 1;
    private const int FixedFciLength = 8;

    /// <summary>Reads the bitrate (bits per second) and the number of SSRCs it names.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out ulong bitrate, out int ssrcCount)
    {
        bitrate = 0;
        ssrcCount = 0;
        if (!FeedbackHeader.TryRead(packet, RtcpPacketType.PayloadFeedback, out var header, out var fci)
            || header.Format != RtcpFeedbackFormat.ApplicationLayer || fci.Length < FixedFciLength
            || BinaryPrimitives.ReadUInt32BigEndian(fci) != Identifier)
        {
            return false;
        }

        ssrcCount = fci[4];
        if (fci.Length < FixedFciLength + (4 * ssrcCount))
        {
            return false;
        }

        uint word = BinaryPrimitives.ReadUInt32BigEndian(fci[4..]);
        int exponent = (int)((word >> MantissaBits) & 0x3F);
        bitrate = (ulong)(word & MantissaMask) << exponent;
        return true;
    }

    /// <summary>Writes a REMB for one media SSRC; the bitrate is rounded down to what 18 bits of mantissa hold.</summary>
    public static bool TryWrite(Span<byte> destination, uint senderSsrc, uint mediaSsrc, ulong bitrate, out int written)
    {
        var header = new FeedbackHeader(RtcpFeedbackFormat.ApplicationLayer, RtcpPacketType.PayloadFeedback, senderSsrc, 0);
        if (!header.TryWrite(destination, FixedFciLength + 4, out written))
        {
            return false;
        }

        int exponent = 0;
        while ((bitrate >> exponent) > MantissaMask)
        {
            exponent++;
        }

        var fci = destination[FeedbackHeader.Length..written];
        BinaryPrimitives.WriteUInt32BigEndian(fci, Identifier);
        uint word = (1u << 24) | ((uint)exponent << MantissaBits) | (uint)(bitrate >> exponent);
        BinaryPrimitives.WriteUInt32BigEndian(fci[4..], word);
        BinaryPrimitives.WriteUInt32BigEndian(fci[8..], mediaSsrc);
        return true;
    }
}
