using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtp;

/// <summary>
/// Writes an RFC 8285 §4.2 one-byte header extension block: elements one after another (<see cref="TryWriteElement"/>),
/// then the block header and padding around them (<see cref="TryCloseBlock"/>).
/// </summary>
internal static class RtpHeaderExtensionWriter
{
    /// <summary>Profile 0xBEDE and the length in 32-bit words, before the first element.</summary>
    public const int BlockHeaderLength = 4;

    /// <summary>The highest id a one-byte element can carry (RFC 8285 §4.2: 1–14; 15 is reserved): the ids an offer may give us.</summary>
    public const byte MaxOneByteId = 14;

    private const int MaxOneByteValue = 16;

    /// <summary>
    /// Writes one element (id, length − 1, value) at the start of <paramref name="destination"/>; false for a reserved id
    /// (RFC 8285 §4.2: ids 1–14), a value outside 1–16 bytes, or too little room.
    /// </summary>
    public static bool TryWriteElement(Span<byte> destination, byte id, ReadOnlySpan<byte> value, out int written)
    {
        written = 0;
        if (id is 0 or > MaxOneByteId || value.IsEmpty || value.Length > MaxOneByteValue || destination.Length < 1 + value.Length)
        {
            return false;
        }

        destination[0] = (byte)((id << 4) | (value.Length - 1));
        value.CopyTo(destination[1..]);
        written = 1 + value.Length;
        return true;
    }

    /// <summary>
    /// Writes profile 0xBEDE and the length in words at the start of <paramref name="block"/>, whose
    /// <paramref name="elementBytes"/> of elements follow the header, and zero padding to a 32-bit boundary after them;
    /// <paramref name="written"/> is the whole block's length. The caller sets the RTP header's X bit.
    /// </summary>
    public static bool TryCloseBlock(Span<byte> block, int elementBytes, out int written)
    {
        written = 0;
        int data = (elementBytes + 3) & ~3;
        if (elementBytes <= 0 || block.Length < BlockHeaderLength + data)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(block, RtpHeaderExtensionEnumerator.OneByteProfile);
        BinaryPrimitives.WriteUInt16BigEndian(block[2..], (ushort)(data / 4));
        block[(BlockHeaderLength + elementBytes)..(BlockHeaderLength + data)].Clear();
        written = BlockHeaderLength + data;
        return true;
    }
}
