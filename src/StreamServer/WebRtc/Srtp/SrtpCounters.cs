namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>Why packets were refused by an SRTP or SRTCP context.</summary>
internal sealed class SrtpCounters
{
    /// <summary>Too short or not a parseable RTP/RTCP header.</summary>
    public long Malformed { get; internal set; }
    /// <summary>Authentication tag did not match (RFC 3711 §3.3 step 5).</summary>
    public long AuthenticationFailed { get; internal set; }
    /// <summary>Index already seen or older than the replay window (§3.3.2).</summary>
    public long Replayed { get; internal set; }
    /// <summary>A new SSRC beyond <see cref="SrtpConstants.MaxStreams"/>.</summary>
    public long TooManyStreams { get; internal set; }
}
