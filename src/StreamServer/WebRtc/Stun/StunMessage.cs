using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Stun;

/// <summary>
/// A validated view over one STUN message (RFC 8489 §5): header checked, every attribute's bounds
/// checked, nothing copied. Integrity and fingerprint are checked separately by <see cref="StunIntegrity"/>.
/// </summary>
internal readonly ref struct StunMessage
{
    // RFC 8489 §5: the two most significant bits of every STUN message are zero.
    private const byte LeadingBitsMask = 0xC0;

    private StunMessage(ReadOnlySpan<byte> raw, ushort type)
    {
        Raw = raw;
        Type = type;
    }

    /// <summary>The whole message, header included.</summary>
    public ReadOnlySpan<byte> Raw { get; }

    /// <summary>Message type (method and class), see <see cref="StunMessageType"/>.</summary>
    public ushort Type { get; }

    /// <summary>RFC 8489 §5: bytes 8–19.</summary>
    public ReadOnlySpan<byte> TransactionId => Raw.Slice(8, StunConstants.TransactionIdLength);

    /// <summary>Enumerates the attributes in wire order.</summary>
    public StunAttributeEnumerator Attributes => new(Raw);

    /// <summary>Parses and bounds-checks a message at the start of <paramref name="data"/>.</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out StunMessage message, out int consumed)
    {
        message = default;
        consumed = 0;
        if (data.Length < StunConstants.HeaderLength || (data[0] & LeadingBitsMask) != 0)
        {
            return false;
        }

        int bodyLength = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        // RFC 8489 §5: the length counts attribute bytes only and is always a multiple of 4.
        if (bodyLength % 4 != 0
            || BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != StunConstants.MagicCookie
            || StunConstants.HeaderLength + bodyLength > data.Length
            || StunConstants.HeaderLength + bodyLength > StunConstants.MaxMessageLength)
        {
            return false;
        }

        var raw = data[..(StunConstants.HeaderLength + bodyLength)];
        var walker = new StunAttributeEnumerator(raw);
        while (walker.MoveNext())
        {
        }

        if (!walker.EndedCleanly)
        {
            return false;
        }

        message = new StunMessage(raw, BinaryPrimitives.ReadUInt16BigEndian(data));
        consumed = raw.Length;
        return true;
    }

    /// <summary>Finds the first attribute of <paramref name="type"/>.</summary>
    public bool TryGetAttribute(ushort type, out StunAttributeView attribute)
    {
        foreach (var candidate in Attributes)
        {
            if (candidate.Type == type)
            {
                attribute = candidate;
                return true;
            }
        }

        attribute = default;
        return false;
    }

    /// <summary>True when an attribute of <paramref name="type"/> is present.</summary>
    public bool HasAttribute(ushort type) => TryGetAttribute(type, out _);
}
