namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>
/// Tracks the rollover counter of one SSRC and turns 16-bit sequence numbers into 48-bit packet indices
/// (RFC 3711 §3.3.1 and Appendix A). The sender uses it on its own sequence numbers, the receiver on
/// what arrives; the state only moves forward after the packet was authenticated.
/// </summary>
internal struct RolloverCounter
{
    private const int Half = 1 << 15;
    private uint _roc;
    private ushort _highestSeq;
    private bool _started;

    /// <summary>The current ROC (RFC 3711 §3.2.1).</summary>
    public readonly uint Roc => _roc;

    /// <summary>RFC 3711 Appendix A: guesses the index of <paramref name="seq"/> relative to the highest seen.</summary>
    public readonly ulong EstimateIndex(ushort seq)
    {
        if (!_started)
        {
            return seq;
        }

        long v = _roc;
        if (_highestSeq < Half)
        {
            if (seq - _highestSeq > Half)
            {
                v--;
            }
        }
        else if (_highestSeq - Half > seq)
        {
            v++;
        }

        // A packet from before the first ROC (v = -1) cannot be placed: give it an index that the replay
        // window rejects as too old rather than wrapping to a huge ROC.
        return v < 0 ? 0 : ((ulong)v << 16) | seq;
    }

    /// <summary>Advances the state after <paramref name="index"/> was authenticated (§3.3.1, last paragraph).</summary>
    public void Update(ulong index)
    {
        uint roc = (uint)(index >> 16);
        ushort seq = (ushort)index;
        if (!_started || roc > _roc || (roc == _roc && seq > _highestSeq))
        {
            _started = true;
            _roc = roc;
            _highestSeq = seq;
        }
    }
}
