namespace PortraitStream.Server.WebRtc.Interceptors;

/// <summary>
/// Receive stage: puts RTP packets of one SSRC back in sequence order. A missing packet is waited for
/// (a NACK may bring it back) until <see cref="MaxWait"/> has passed since a later packet arrived or
/// the buffer is full; then it is skipped and the depacketizer sees the gap. Slots are preallocated.
/// </summary>
internal sealed class ReorderBuffer
{
    /// <summary>Largest packet held (an Ethernet MTU).</summary>
    public const int MaxPacketLength = 1500;

    private readonly byte[][] _slots;
    private readonly int[] _lengths;
    private readonly ushort[] _sequences;
    private readonly long[] _arrivals;
    private readonly TimeProvider _time;
    private ushort _next;
    private bool _started;
    private int _count;

    /// <summary>Creates a buffer of <paramref name="capacity"/> packets.</summary>
    public ReorderBuffer(int capacity, TimeSpan maxWait, TimeProvider time)
    {
        _slots = new byte[capacity][];
        for (int i = 0; i < capacity; i++)
        {
            _slots[i] = new byte[MaxPacketLength];
        }

        _lengths = new int[capacity];
        _sequences = new ushort[capacity];
        _arrivals = new long[capacity];
        MaxWait = maxWait;
        _time = time;
    }

    /// <summary>How long a gap is waited for.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Packets that arrived after their turn had passed (or twice) and were dropped.</summary>
    public long LatePackets { get; private set; }

    /// <summary>Sequence numbers given up on.</summary>
    public long SkippedPackets { get; private set; }

    /// <summary>Stores a packet; false when it is late, a duplicate or too long.</summary>
    public bool Push(ushort sequence, ReadOnlySpan<byte> packet)
    {
        if (packet.Length > MaxPacketLength)
        {
            return false;
        }

        if (!_started)
        {
            _started = true;
            _next = sequence;
        }

        int ahead = (short)(sequence - _next);
        if (ahead < 0)
        {
            LatePackets++;
            return false;
        }

        // A jump beyond the buffer (a burst of loss or a restarted sender): what is held can no longer
        // form complete frames, so start over from this packet.
        if (ahead >= _slots.Length)
        {
            SkippedPackets += ahead;
            Array.Clear(_lengths);
            _count = 0;
            _next = sequence;
        }

        int slot = sequence % _slots.Length;
        if (_lengths[slot] > 0)
        {
            LatePackets++;
            return false;
        }

        packet.CopyTo(_slots[slot]);
        _lengths[slot] = packet.Length;
        _sequences[slot] = sequence;
        _arrivals[slot] = _time.GetTimestamp();
        _count++;
        return true;
    }

    /// <summary>
    /// Hands out the next packet in order (valid until the next <see cref="Push"/>), skipping a gap whose
    /// wait has expired. False when nothing is ready.
    /// </summary>
    public bool TryPop(out ReadOnlyMemory<byte> packet)
    {
        while (_count > 0)
        {
            int slot = _next % _slots.Length;
            if (_lengths[slot] > 0 && _sequences[slot] == _next)
            {
                packet = _slots[slot].AsMemory(0, _lengths[slot]);
                _lengths[slot] = 0;
                _count--;
                _next++;
                return true;
            }

            if (!GapExpired())
            {
                break;
            }

            SkipOne();
        }

        packet = default;
        return false;
    }

    private bool GapExpired()
    {
        // The oldest buffered packet has waited long enough for whatever is missing before it.
        long oldest = long.MaxValue;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_lengths[i] > 0)
            {
                oldest = Math.Min(oldest, _arrivals[i]);
            }
        }

        return oldest != long.MaxValue && _time.GetElapsedTime(oldest) >= MaxWait;
    }

    private void SkipOne()
    {
        SkippedPackets++;
        _next++;
    }
}
