using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.WebRtc.Interceptors;

/// <summary>
/// Receive stage: notices sequence gaps of one media SSRC and asks for the missing packets with generic
/// NACKs (RFC 4585 §6.2.1, RFC 4588 §3 for the retransmission it triggers). Each missing packet is asked
/// for at most <see cref="MaxRetries"/> times, no more often than every <see cref="RetryInterval"/>, and
/// forgotten once older than the reorder buffer would wait. Fixed-size table: no allocation per packet.
/// </summary>
internal sealed class NackGenerator
{
    /// <summary>Requests per missing packet.</summary>
    public const int MaxRetries = 5;

    /// <summary>Most sequence numbers tracked at once; beyond that the oldest are dropped.</summary>
    public const int Capacity = 128;

    private readonly ushort[] _missing = new ushort[Capacity];
    private readonly long[] _lastAsked = new long[Capacity];
    private readonly int[] _tries = new int[Capacity];
    private readonly TimeProvider _time;
    private int _count;
    private ushort _highest;
    private bool _started;

    /// <summary>Creates a generator.</summary>
    public NackGenerator(TimeProvider time, TimeSpan retryInterval)
    {
        _time = time;
        RetryInterval = retryInterval;
    }

    /// <summary>Least time between two requests for the same packet (about one RTT).</summary>
    public TimeSpan RetryInterval { get; set; }

    /// <summary>Sequence numbers currently missing.</summary>
    public int MissingCount => _count;

    /// <summary>Notes an arrived packet: fills its gap, or records the gap before it.</summary>
    public void OnPacket(ushort sequence)
    {
        if (!_started)
        {
            _started = true;
            _highest = sequence;
            return;
        }

        int ahead = (short)(sequence - _highest);
        if (ahead <= 0)
        {
            Remove(sequence);
            return;
        }

        // A jump wider than the table is a restart or a blackout: asking for it all would not help.
        for (int gap = Math.Max(1, ahead - Capacity); gap < ahead; gap++)
        {
            Add((ushort)(_highest + gap));
        }

        _highest = sequence;
    }

    /// <summary>Writes a NACK for the packets due a request; false when none is due.</summary>
    public bool TryBuildNack(Span<byte> destination, uint senderSsrc, uint mediaSsrc, out int written)
    {
        written = 0;
        Span<ushort> due = stackalloc ushort[Capacity];
        int dueCount = 0;
        long now = _time.GetTimestamp();
        for (int i = 0; i < _count; i++)
        {
            if (_lastAsked[i] == 0 || _time.GetElapsedTime(_lastAsked[i], now) >= RetryInterval)
            {
                due[dueCount++] = _missing[i];
                _lastAsked[i] = now;
                _tries[i]++;
            }
        }

        // Forget packets asked for often enough.
        for (int i = _count - 1; i >= 0; i--)
        {
            if (_tries[i] >= MaxRetries)
            {
                RemoveAt(i);
            }
        }

        if (dueCount == 0)
        {
            return false;
        }

        var list = due[..dueCount];
        list.Sort((a, b) => (short)(a - b));
        return GenericNack.TryWrite(destination, senderSsrc, mediaSsrc, list, out written);
    }

    private void Add(ushort sequence)
    {
        if (_count == Capacity)
        {
            RemoveAt(0);
        }

        _missing[_count] = sequence;
        _lastAsked[_count] = 0;
        _tries[_count] = 0;
        _count++;
    }

    private void Remove(ushort sequence)
    {
        for (int i = 0; i < _count; i++)
        {
            if (_missing[i] == sequence)
            {
                RemoveAt(i);
                return;
            }
        }
    }

    private void RemoveAt(int index)
    {
        int tail = _count - index - 1;
        Array.Copy(_missing, index + 1, _missing, index, tail);
        Array.Copy(_lastAsked, index + 1, _lastAsked, index, tail);
        Array.Copy(_tries, index + 1, _tries, index, tail);
        _count--;
    }
}
