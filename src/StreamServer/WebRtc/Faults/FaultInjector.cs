using System.Net;

namespace PortraitStream.Server.WebRtc.Faults;

/// <summary>
/// TEST ONLY (see <see cref="FaultInjectionOptions"/>): stands between one UDP socket path and its consumer and drops,
/// reorders or duplicates datagrams at the configured rates, drawn from a seeded generator so a run repeats. Per
/// datagram: dropped with the loss rate; otherwise delivered twice with the duplication rate; otherwise, with the
/// reorder rate and when nothing is held yet, held and delivered right after the next datagram the path sees (dropped
/// or not), which swaps the two. A held datagram waits for traffic: every path here has some (media, consent checks,
/// DTLS retransmissions). Thread-safe: the send path is entered from several threads.
/// </summary>
internal sealed class FaultInjector
{
    /// <summary>The largest datagram a peer connection receives or sends (its receive and send buffers).</summary>
    public const int MaxDatagram = 2048;

    private readonly Lock _gate = new();
    private readonly Random _random;
    private readonly double _loss, _duplicate, _reorder;
    private readonly byte[] _incoming = new byte[MaxDatagram];
    private readonly byte[] _held = new byte[MaxDatagram];
    private readonly byte[] _copy = new byte[MaxDatagram];
    private SocketAddress? _heldAddress;
    private int _heldLength = -1;

    /// <summary>Injects at <paramref name="options"/>' rates, drawing from a generator seeded with <paramref name="seed"/>.</summary>
    public FaultInjector(FaultInjectionOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.HasValidRates)
        {
            throw new ArgumentException("WebRtc:FaultInjection rates must lie within 0–100 %.", nameof(options));
        }

        _loss = options.LossPercent / 100;
        _duplicate = options.DuplicatePercent / 100;
        _reorder = options.ReorderPercent / 100;
        _random = new Random(seed);
    }

    /// <summary>What this injector did so far.</summary>
    public FaultCounters Counters { get; } = new();

    /// <summary>
    /// The injector for one path of a peer connection, or null when fault injection is off: the path then calls its
    /// consumer directly, so the default costs one null check.
    /// </summary>
    public static FaultInjector? For(FaultInjectionOptions options, FaultPath path) =>
        options.Enabled ? new FaultInjector(options, options.Seed + (int)path) : null;

    /// <summary>
    /// Passes (a copy of) <paramref name="datagram"/> from or to <paramref name="address"/> on to <paramref name="sink"/>,
    /// or not, or twice, or later.
    /// </summary>
    /// <exception cref="ArgumentException">The datagram is longer than any a peer connection receives or sends.</exception>
    public void Pass<TSink>(ReadOnlySpan<byte> datagram, SocketAddress address, TSink sink) where TSink : IDatagramSink
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(datagram.Length, MaxDatagram, nameof(datagram));
        lock (_gate)
        {
            Counters.Offered++;
            // Our own copy: the sink may change it in place, and the send path hands us read-only spans.
            var current = _incoming.AsSpan(0, datagram.Length);
            datagram.CopyTo(current);
            if (_random.NextDouble() < _loss)
            {
                Counters.Dropped++;
            }
            else if (_random.NextDouble() < _duplicate)
            {
                Counters.Duplicated++;
                // The sink may change the datagram in place; the second delivery must see it as it came.
                current.CopyTo(_copy);
                sink.Deliver(current, address);
                sink.Deliver(_copy.AsSpan(0, current.Length), address);
            }
            else if (_heldLength < 0 && _random.NextDouble() < _reorder)
            {
                Counters.Reordered++;
                Hold(current, address);
                return;
            }
            else
            {
                sink.Deliver(current, address);
            }

            ReleaseHeld(sink);
        }
    }

    private void Hold(ReadOnlySpan<byte> datagram, SocketAddress address)
    {
        datagram.CopyTo(_held);
        _heldLength = datagram.Length;
        if (_heldAddress is null || _heldAddress.Family != address.Family || _heldAddress.Buffer.Length < address.Size)
        {
            _heldAddress = new SocketAddress(address.Family, address.Size);
        }

        _heldAddress.Size = address.Size;
        address.Buffer.Span[..address.Size].CopyTo(_heldAddress.Buffer.Span);
    }

    private void ReleaseHeld<TSink>(TSink sink) where TSink : IDatagramSink
    {
        if (_heldLength >= 0)
        {
            int length = _heldLength;
            _heldLength = -1;
            sink.Deliver(_held.AsSpan(0, length), _heldAddress!);
        }
    }
}
