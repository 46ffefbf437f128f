using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtp;

/// <summary>
/// The RTP fixed header and the lengths of what follows it (RFC 3550 §5.1): CSRC list, header
/// extension (RFC 3550 §5.3.1, RFC 8285) and padding. Read without copying; written without CSRCs or
/// extension, which is all this server sends.
/// </summary>
internal readonly record struct RtpHeader(
    bool Marker,
    byte PayloadType,
    ushort SequenceNumber,
    uint Timestamp,
    uint Ssrc)
{
    /// <summary>RFC 3550 §5.1: version 2.</summary>
    public const int Version = 2;

    /// <summary>RFC 3550 §5.1: the fixed part is 12 bytes.</summary>
    public const int FixedLength = 12;

    private const byte PaddingBit = 0x20, ExtensionBit = 0x10, CsrcCountMask = 0x0F;
    private const byte MarkerBit = 0x80, PayloadTypeMask = 0x7F;

    /// <summary>Number of CSRC identifiers after the fixed header (RFC 3550 §5.1 CC).</summary>
    public int CsrcCount { get; init; }

    /// <summary>True when the P bit is set: the payload ends with padding (RFC 3550 §5.1).</summary>
    public bool HasPadding { get; init; }

    /// <summary>The header extension profile (0xBEDE one-byte, 0x100x two-byte), or null when X = 0.</summary>
    public ushort? ExtensionProfile { get; init; }

    /// <summary>Offset of the extension data (after its 4-byte header) from the packet start.</summary>
    public int ExtensionOffset { get; init; }

    /// <summary>Bytes of extension data (a multiple of 4, RFC 3550 §5.3.1).</summary>
    public int ExtensionLength { get; init; }

    /// <summary>Fixed header + CSRCs + extension: where the payload starts.</summary>
    public int HeaderLength { get; init; } = FixedLength;

    /// <summary>Reads a header; <paramref name="consumed"/> is <see cref="HeaderLength"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out RtpHeader header, out int consumed)
    {
        header = default;
        consumed = 0;
        if (packet.Length < FixedLength || packet[0] >> 6 != Version)
        {
            return false;
        }

        int csrcCount = packet[0] & CsrcCountMask;
        int length = FixedLength + (4 * csrcCount);
        ushort? profile = null;
        int extensionOffset = 0, extensionLength = 0;
        if ((packet[0] & ExtensionBit) != 0)
        {
            // RFC 3550 §5.3.1: 16-bit profile, 16-bit length in 32-bit words, then the data.
            if (packet.Length < length + 4)
            {
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(packet[length..]);
            extensionLength = 4 * BinaryPrimitives.ReadUInt16BigEndian(packet[(length + 2)..]);
            extensionOffset = length + 4;
            length = extensionOffset + extensionLength;
        }

        if (packet.Length < length)
        {
            return false;
        }

        header = new RtpHeader(
            (packet[1] & MarkerBit) != 0,
            (byte)(packet[1] & PayloadTypeMask),
            BinaryPrimitives.ReadUInt16BigEndian(packet[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[8..]))
        {
            CsrcCount = csrcCount,
            HasPadding = (packet[0] & PaddingBit) != 0,
            ExtensionProfile = profile,
            ExtensionOffset = extensionOffset,
            ExtensionLength = extensionLength,
            HeaderLength = length,
        };
        consumed = length;
        return true;
    }

    /// <summary>The i-th CSRC of <paramref name="packet"/> (RFC 3550 §5.1), i &lt; <see cref="CsrcCount"/>.</summary>
    public static uint ReadCsrc(ReadOnlySpan<byte> packet, int index) =>
        BinaryPrimitives.ReadUInt32BigEndian(packet[(FixedLength + (4 * index))..]);

    /// <summary>
    /// The payload of a packet whose header this is, with padding removed (RFC 3550 §5.1: the last
    /// padding byte counts the padding bytes, itself included). False when the padding count is invalid.
    /// </summary>
    public bool TryGetPayload(ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        int end = packet.Length;
        if (HasPadding)
        {
            int padding = end > HeaderLength ? packet[end - 1] : 0;
            if (padding == 0 || HeaderLength + padding > end)
            {
                return false;
            }

            end -= padding;
        }

        payload = packet[HeaderLength..end];
        return true;
    }

    /// <summary>
    /// Writes the 12-byte fixed header (no CSRC, no padding); X is set when <see cref="ExtensionProfile"/>
    /// is, and the caller writes the block after it (see <see cref="RtpHeaderExtensionWriter"/>).
    /// </summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < FixedLength)
        {
            return false;
        }

        destination[0] = (byte)((Version << 6) | (ExtensionProfile is null ? 0 : ExtensionBit));
        destination[1] = (byte)((Marker ? MarkerBit : 0) | (PayloadType & PayloadTypeMask));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        return true;
    }
}
