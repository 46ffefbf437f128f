namespace PortraitStream.Server.Media.Sessions;

/// <summary>Somewhere forwarded Opus goes: a session's peer, a WHEP viewer, or a fan-out to several of them.</summary>
internal interface IAudioSink
{
    /// <summary>
    /// Sends <paramref name="packet"/> (from this session or another) under the receiver's own SSRC, sequence numbers and
    /// timestamps (its capture time on the outgoing audio clock), standing for the instant <paramref name="dueTicks"/>
    /// (Stopwatch ticks) in the sender reports; false when nobody took it (no audio negotiated, not yet secured, too
    /// long). Thread-safe.
    /// </summary>
    bool TrySendAudio(ReceivedAudioPacket packet, long dueTicks);
}
