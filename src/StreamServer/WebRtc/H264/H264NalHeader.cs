namespace PortraitStream.Server.WebRtc.H264;

/// <summary>
/// The one-byte NAL unit header (ITU-T H.264 §7.3.1, RFC 6184 §1.3): forbidden_zero_bit F, nal_ref_idc NRI and
/// nal_unit_type, and the types RTP uses on top of H.264's own (RFC 6184 §5.2, Table 1).
/// </summary>
internal static class H264NalHeader
{
    /// <summary>F: H.264 calls a 1 a syntax violation; RFC 6184 §5.3 lets a receiver discard such a unit.</summary>
    public const byte ForbiddenBit = 0x80;
    /// <summary>NRI: two bits saying how much the unit matters for reference (RFC 6184 §5.3).</summary>
    public const byte NriMask = 0x60;
    public const byte TypeMask = 0x1F;

    /// <summary>H.264 Table 7-1: coded slice of a non-IDR picture.</summary>
    public const int NonIdrSlice = 1;
    /// <summary>H.264 Table 7-1: coded slice of an IDR picture — a key frame.</summary>
    public const int IdrSlice = 5;
    /// <summary>H.264 Table 7-1: sequence parameter set.</summary>
    public const int Sps = 7;
    /// <summary>H.264 Table 7-1: picture parameter set.</summary>
    public const int Pps = 8;
    /// <summary>Last type H.264 itself defines; 24–31 belong to the payload format (RFC 6184 §5.2, Table 1).</summary>
    public const int LastH264Type = 23;

    /// <summary>RFC 6184 §5.7.1: single-time aggregation packet, the only aggregation packetization mode 1 uses.</summary>
    public const int StapA = 24;
    /// <summary>RFC 6184 §5.8: fragmentation unit without DON, the only fragmentation packetization mode 1 uses.</summary>
    public const int FuA = 28;

    public static int Type(byte header) => header & TypeMask;

    /// <summary>
    /// True for the types a single NAL unit packet may carry (RFC 6184 §5.6): 1–23. Type 0 is unspecified, 30 and 31
    /// are reserved, and STAP-B, MTAP and FU-B (25–27, 29) need packetization mode 2, which we never offer.
    /// </summary>
    public static bool IsH264Type(int type) => type is >= 1 and <= LastH264Type;

    /// <summary>
    /// True for unspecified type 0 and reserved 30, 31 (RFC 6184 Table 1): they carry nothing a decoder uses, so a
    /// packet of one is skipped without giving up the frame around it.
    /// </summary>
    public static bool IsIgnorable(int type) => type is 0 or 30 or 31;
}
