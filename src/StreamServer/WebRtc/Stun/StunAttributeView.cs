namespace PortraitStream.Server.WebRtc.Stun;

/// <summary>One attribute (RFC 8489 §14): its type, its value and where its header starts in the message.</summary>
internal readonly ref struct StunAttributeView
{
    /// <summary>Creates a view.</summary>
    public StunAttributeView(ushort type, ReadOnlySpan<byte> value, int offset)
    {
        Type = type;
        Value = value;
        Offset = offset;
    }

    /// <summary>Attribute type, see <see cref="StunAttributeType"/>.</summary>
    public ushort Type { get; }

    /// <summary>The value without padding.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Offset of the attribute header from the start of the message (needed by §14.5 and §14.7).</summary>
    public int Offset { get; }
}
