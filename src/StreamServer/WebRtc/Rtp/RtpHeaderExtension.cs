namespace PortraitStream.Server.WebRtc.Rtp;

/// <summary>One header extension element (RFC 8285 §4): the negotiated id and its value.</summary>
internal readonly ref struct RtpHeaderExtension
{
    /// <summary>Creates a view.</summary>
    public RtpHeaderExtension(byte id, ReadOnlySpan<byte> value)
    {
        Id = id;
        Value = value;
    }

    /// <summary>The extmap id (1–14 one-byte, 1–255 two-byte).</summary>
    public byte Id { get; }

    /// <summary>The element's data.</summary>
    public ReadOnlySpan<byte> Value { get; }
}
