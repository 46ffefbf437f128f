namespace PortraitStream.Server.WebRtc.Rtp;

/// <summary>
/// The abs-send-time header extension (webrtc.org experiments): the send time as 24-bit 6.18 fixed-point
/// seconds. Chromium's receive-side bandwidth estimator needs it to produce the REMB we follow.
/// </summary>
internal static class AbsoluteSendTime
{
    /// <summary>The extmap URI announced in SDP.</summary>
    public const string Uri = "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time";

    /// <summary>Element value length.</summary>
    public const int Length = 3;

    /// <summary>Writes the 3-byte value for 64-bit NTP time <paramref name="ntp"/> (32.32 → 6.18: bits 14–37).</summary>
    public static void Write(ulong ntp, Span<byte> destination)
    {
        uint value = (uint)(ntp >> 14) & 0xFFFFFF;
        destination[0] = (byte)(value >> 16);
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)value;
    }
}
