using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Rtp;

/// <summary>Writes an RFC 8285 §4.2 one-byte header extension block holding one element.</summary>
internal static class RtpHeaderExtensionWriter
{
    private const int BlockHeaderLength = 4;
    private const int MaxOneByteValue = 16;

    /// <summary>
    /// Writes profile 0xBEDE, the length in words, the element (id, length − 1, value) and zero padding to
    /// a 32-bit boundary, right after the fixed header and CSRCs. The caller sets the X bit.
    /// </summary>
    public static bool TryWriteOneByte(Span<byte> destination, byte id, ReadOnlySpan<byte> value, out int written)
    {
        written = 0;
        // RFC 8285 §4.2: ids 1–14, values 1–16 bytes.
        if (id is 0 or > 14 || value.IsEmpty || value.Length > MaxOneByteValue)
        {
            return false;
        }

        int data = (1 + value.Length + 3) & ~3;
        if (destination.Length < BlockHeaderLength + data)
        {
            return false;
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, RtpHeaderExtensionEnumerator.OneByteProfile);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], (ushort)(data / 4));
        destination[BlockHeaderLength] = (byte)((id << 4) | (value.Length - 1));
        value.CopyTo(destination[(BlockHeaderLength + 1)..]);
        destination[(BlockHeaderLength + 1 + value.Length)..(BlockHeaderLength + data)].Clear();
        written = BlockHeaderLength + data;
        return true;
    }
}
