namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>Per-SSRC cryptographic state (RFC 3711 §3.2.3): rollover counter and replay window.</summary>
internal sealed class SrtpStreamState
{
    /// <summary>ROC and highest sequence number (SRTP only; SRTCP carries its index explicitly).</summary>
    public RolloverCounter Rollover;

    /// <summary>Replay protection over indices.</summary>
    public ReplayWindow Replay;
}

/// <summary>The per-SSRC states of one context, bounded so hostile SSRC churn cannot grow memory.</summary>
internal sealed class SrtpStreamTable
{
    private readonly Dictionary<uint, SrtpStreamState> _streams = [];

    /// <summary>Finds or creates the state for <paramref name="ssrc"/>; false when the table is full.</summary>
    public bool TryGet(uint ssrc, out SrtpStreamState state)
    {
        if (_streams.TryGetValue(ssrc, out var found))
        {
            state = found;
            return true;
        }

        if (_streams.Count >= SrtpConstants.MaxStreams)
        {
            state = null!;
            return false;
        }

        state = new SrtpStreamState();
        _streams.Add(ssrc, state);
        return true;
    }
}
