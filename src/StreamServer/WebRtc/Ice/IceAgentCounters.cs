namespace PortraitStream.Server.WebRtc.Ice;

/// <summary>What the ICE-lite agent did with the STUN traffic it saw; every drop has its own reason.</summary>
internal sealed class IceAgentCounters
{
    /// <summary>Binding requests answered with a success response.</summary>
    public long Answered { get; internal set; }
    /// <summary>Not a parseable STUN message.</summary>
    public long Malformed { get; internal set; }
    /// <summary>A STUN message that is not a Binding request or indication.</summary>
    public long UnexpectedType { get; internal set; }
    /// <summary>Missing or wrong FINGERPRINT.</summary>
    public long BadFingerprint { get; internal set; }
    /// <summary>USERNAME missing or not "ours:theirs".</summary>
    public long BadUsername { get; internal set; }
    /// <summary>MESSAGE-INTEGRITY missing or not keyed with our password.</summary>
    public long BadIntegrity { get; internal set; }
}
