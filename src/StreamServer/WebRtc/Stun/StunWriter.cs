using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace PortraitStream.Server.WebRtc.Stun;

/// <summary>
/// Builds one STUN message into a caller-owned buffer (RFC 8489 §5, §14). Each Add returns false, and
/// leaves the buffer unchanged, when the attribute would not fit; the header length is kept current.
/// </summary>
internal ref struct StunWriter
{
    // RFC 8489 §14.1: address family codes.
    private const byte FamilyIpv4 = 0x01, FamilyIpv6 = 0x02;
    private const int FingerprintValueLength = 4;

    private readonly Span<byte> _buffer;

    /// <summary>Writes the header into <paramref name="buffer"/> (which must hold at least 20 bytes).</summary>
    public StunWriter(Span<byte> buffer, ushort type, ReadOnlySpan<byte> transactionId)
    {
        _buffer = buffer;
        BinaryPrimitives.WriteUInt16BigEndian(buffer, type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], 0);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[4..], StunConstants.MagicCookie);
        transactionId[..StunConstants.TransactionIdLength].CopyTo(buffer[8..]);
        Length = StunConstants.HeaderLength;
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The message written so far.</summary>
    public readonly ReadOnlySpan<byte> Written => _buffer[..Length];

    /// <summary>Appends an attribute with zero padding (§14).</summary>
    public bool TryAdd(ushort type, scoped ReadOnlySpan<byte> value)
    {
        if (!TryReserve(type, value.Length, out var destination))
        {
            return false;
        }

        value.CopyTo(destination);
        return true;
    }

    /// <summary>Appends a 32-bit attribute value (PRIORITY, …).</summary>
    public bool TryAddUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return TryAdd(type, bytes);
    }

    /// <summary>Appends a 64-bit attribute value (ICE-CONTROLLING/CONTROLLED tie-breaker).</summary>
    public bool TryAddUInt64(ushort type, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return TryAdd(type, bytes);
    }

    /// <summary>Appends XOR-MAPPED-ADDRESS (§14.2): port XOR the cookie's top half, address XOR cookie‖transaction id.</summary>
    public bool TryAddXorMappedAddress(IPEndPoint endPoint)
    {
        bool v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        int addressLength = v6 ? 16 : 4;
        if (!TryReserve(StunAttributeType.XorMappedAddress, 4 + addressLength, out var value))
        {
            return false;
        }

        value[0] = 0;
        value[1] = v6 ? FamilyIpv6 : FamilyIpv4;
        BinaryPrimitives.WriteUInt16BigEndian(value[2..], (ushort)(endPoint.Port ^ (StunConstants.MagicCookie >> 16)));
        var address = value.Slice(4, addressLength);
        endPoint.Address.TryWriteBytes(address, out _);
        StunXorAddress.Xor(address, _buffer.Slice(4, 16));
        return true;
    }

    /// <summary>Appends MESSAGE-INTEGRITY computed with <paramref name="key"/> (§14.5).</summary>
    public bool TryAddMessageIntegrity(ReadOnlySpan<byte> key)
    {
        int prefixLength = Length;
        if (!TryReserve(StunAttributeType.MessageIntegrity, StunConstants.MessageIntegrityLength, out var value))
        {
            return false;
        }

        StunIntegrity.ComputeMessageIntegrity(_buffer[..prefixLength], key, value);
        return true;
    }

    /// <summary>Appends FINGERPRINT (§14.7); it must be the last attribute.</summary>
    public bool TryAddFingerprint()
    {
        int prefixLength = Length;
        if (!TryReserve(StunAttributeType.Fingerprint, FingerprintValueLength, out var value))
        {
            return false;
        }

        uint crc = Crc32.Compute(_buffer[..prefixLength]) ^ StunConstants.FingerprintXor;
        BinaryPrimitives.WriteUInt32BigEndian(value, crc);
        return true;
    }

    private bool TryReserve(ushort type, int valueLength, out Span<byte> value)
    {
        int padded = (valueLength + 3) & ~3;
        int total = Length + StunConstants.AttributeHeaderLength + padded;
        if (valueLength > ushort.MaxValue || total > _buffer.Length || total > StunConstants.MaxMessageLength)
        {
            value = default;
            return false;
        }

        var attribute = _buffer[Length..total];
        BinaryPrimitives.WriteUInt16BigEndian(attribute, type);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[2..], (ushort)valueLength);
        attribute[(StunConstants.AttributeHeaderLength + valueLength)..].Clear();
        value = attribute.Slice(StunConstants.AttributeHeaderLength, valueLength);
        Length = total;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer[2..], (ushort)(Length - StunConstants.HeaderLength));
        return true;
    }
}
