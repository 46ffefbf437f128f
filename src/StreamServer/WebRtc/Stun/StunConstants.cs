namespace PortraitStream.Server.WebRtc.Stun;

/// <summary>Wire constants of STUN (RFC 8489) and the ICE attributes (RFC 8445 §16.1).</summary>
internal static class StunConstants
{
    /// <summary>RFC 8489 §5: fixed value in bytes 4–7 of every message.</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>RFC 8489 §5: the header is 20 bytes.</summary>
    public const int HeaderLength = 20;

    /// <summary>RFC 8489 §5: the transaction id is 96 bits.</summary>
    public const int TransactionIdLength = 12;

    /// <summary>RFC 8489 §14: every attribute starts with a 4-byte type/length header.</summary>
    public const int AttributeHeaderLength = 4;

    /// <summary>RFC 8489 §14.5: HMAC-SHA1 output.</summary>
    public const int MessageIntegrityLength = 20;

    /// <summary>RFC 8489 §14.7: the CRC-32 is XOR-ed with this ("STUN").</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>
    /// Largest message we accept. RFC 8489 §6.1 asks for messages under the path MTU; anything above a
    /// typical Ethernet MTU cannot be a sane ICE check and lets us keep verification buffers on the stack.
    /// </summary>
    public const int MaxMessageLength = 1500;
}

/// <summary>Message types we speak (RFC 8489 §5 method and class bits, §18.2 registry).</summary>
internal static class StunMessageType
{
    /// <summary>Binding request (method 0x001, class request).</summary>
    public const ushort BindingRequest = 0x0001;
    /// <summary>Binding indication (used by ICE keepalives, RFC 8445 §11).</summary>
    public const ushort BindingIndication = 0x0011;
    /// <summary>Binding success response.</summary>
    public const ushort BindingSuccess = 0x0101;
    /// <summary>Binding error response.</summary>
    public const ushort BindingError = 0x0111;
}

/// <summary>Attribute types (RFC 8489 §18.3, RFC 8445 §16.1).</summary>
internal static class StunAttributeType
{
    /// <summary>RFC 8489 §14.3.</summary>
    public const ushort Username = 0x0006;
    /// <summary>RFC 8489 §14.5.</summary>
    public const ushort MessageIntegrity = 0x0008;
    /// <summary>RFC 8489 §14.8.</summary>
    public const ushort ErrorCode = 0x0009;
    /// <summary>RFC 8489 §14.2.</summary>
    public const ushort XorMappedAddress = 0x0020;
    /// <summary>RFC 8445 §16.1.</summary>
    public const ushort Priority = 0x0024;
    /// <summary>RFC 8445 §16.1.</summary>
    public const ushort UseCandidate = 0x0025;
    /// <summary>RFC 8489 §14.14.</summary>
    public const ushort Software = 0x8022;
    /// <summary>RFC 8489 §14.7.</summary>
    public const ushort Fingerprint = 0x8028;
    /// <summary>RFC 8445 §16.1.</summary>
    public const ushort IceControlled = 0x8029;
    /// <summary>RFC 8445 §16.1.</summary>
    public const ushort IceControlling = 0x802A;
}
