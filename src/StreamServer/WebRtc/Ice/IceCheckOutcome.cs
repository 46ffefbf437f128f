namespace PortraitStream.Server.WebRtc.Ice;

/// <summary>What <see cref="IceLiteAgent.HandleStun"/> made of one datagram.</summary>
internal enum IceCheckOutcome
{
    /// <summary>Dropped; <see cref="IceLiteAgent.Counters"/> says why.</summary>
    Dropped = 0,
    /// <summary>A valid check: send the response that was written.</summary>
    Answered,
    /// <summary>A valid check carrying USE-CANDIDATE: the pair is now selected; send the response.</summary>
    AnsweredAndNominated,
    /// <summary>A Binding indication (keepalive, RFC 8445 §11): nothing to send.</summary>
    Keepalive,
}
