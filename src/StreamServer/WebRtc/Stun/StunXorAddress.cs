using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Stun;

/// <summary>Decoding of XOR-MAPPED-ADDRESS values (RFC 8489 §14.2).</summary>
internal static class StunXorAddress
{
    private const byte FamilyIpv4 = 0x01, FamilyIpv6 = 0x02;

    /// <summary>
    /// Reads the port and the un-XOR-ed address bytes (4 or 16) into <paramref name="address"/>.
    /// <paramref name="cookieAndTransactionId"/> is bytes 4–19 of the message header.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> value, ReadOnlySpan<byte> cookieAndTransactionId,
        Span<byte> address, out int port, out int addressLength)
    {
        port = 0;
        addressLength = 0;
        if (value.Length < 4 || cookieAndTransactionId.Length < 16)
        {
            return false;
        }

        int expected = value[1] switch { FamilyIpv4 => 4, FamilyIpv6 => 16, _ => -1 };
        if (expected < 0 || value.Length != 4 + expected || address.Length < expected)
        {
            return false;
        }

        port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]) ^ (int)(StunConstants.MagicCookie >> 16);
        value.Slice(4, expected).CopyTo(address);
        Xor(address[..expected], cookieAndTransactionId);
        addressLength = expected;
        return true;
    }

    /// <summary>XORs an address in place with the magic cookie (IPv4) or cookie‖transaction id (IPv6).</summary>
    public static void Xor(Span<byte> address, ReadOnlySpan<byte> cookieAndTransactionId)
    {
        for (int i = 0; i < address.Length; i++)
        {
            address[i] ^= cookieAndTransactionId[i];
        }
    }
}
