namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>
/// Sliding-window replay protection (RFC 3711 §3.3.2) over packet indices: a 128-packet window, as
/// libsrtp uses, wide enough for the reordering a video burst sees. Check before, accept after authentication.
/// </summary>
internal struct ReplayWindow
{
    /// <summary>Indices older than this many below the highest are rejected.</summary>
    public const int Size = 128;

    private UInt128 _seen;
    private ulong _highest;
    private bool _started;

    /// <summary>True when <paramref name="index"/> was already accepted or is too old to tell.</summary>
    public readonly bool IsReplay(ulong index)
    {
        if (!_started || index > _highest)
        {
            return false;
        }

        ulong age = _highest - index;
        return age >= Size || ((_seen >> (int)age) & UInt128.One) != UInt128.Zero;
    }

    /// <summary>Marks an authenticated <paramref name="index"/> as received.</summary>
    public void Accept(ulong index)
    {
        if (!_started)
        {
            _started = true;
            _highest = index;
            _seen = UInt128.One;
            return;
        }

        if (index > _highest)
        {
            ulong shift = index - _highest;
            _seen = shift >= Size ? UInt128.Zero : _seen << (int)shift;
            _seen |= UInt128.One;
            _highest = index;
            return;
        }

        ulong age = _highest - index;
        if (age < Size)
        {
            _seen |= UInt128.One << (int)age;
        }
    }
}
