namespace PortraitStream.Server.WebRtc.Session;

/// <summary>What one peer connection's receive loop dropped, by layer, and why it survived doing so.</summary>
internal sealed class PeerConnectionCounters
{
    /// <summary>Datagrams received.</summary>
    public long Datagrams { get; internal set; }
    /// <summary>First byte outside every RFC 7983 range.</summary>
    public long UnknownProtocol { get; internal set; }
    /// <summary>DTLS, SRTP or SRTCP from an address that never passed an ICE check.</summary>
    public long UnvalidatedSource { get; internal set; }
    /// <summary>SRTP or SRTCP that failed to unprotect (or arrived before the keys).</summary>
    public long Unprotectable { get; internal set; }
    /// <summary>Malformed compound RTCP.</summary>
    public long MalformedRtcp { get; internal set; }
    /// <summary>Unexpected exceptions caught at the loop boundary (should stay 0; each is logged).</summary>
    public long Faults { get; internal set; }
}
