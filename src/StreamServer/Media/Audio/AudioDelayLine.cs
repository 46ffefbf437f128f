using System.Diagnostics;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Media.Audio;

/// <summary>
/// Holds a session's audio until it is due: in capture order (a reordered packet takes its place), each released at
/// its capture instant on our clock plus the delay asked at release time, so the sound leaves with the picture rendered
/// from the same instant. Scheduling by capture, not arrival, absorbs network jitter up to the delay. A packet that
/// comes after a later one has left is too late to place and is dropped, as is a second copy of one held; when full,
/// the oldest goes first. Not thread-safe.
/// </summary>
internal sealed class AudioDelayLine(int capacity)
{
    private readonly SortedList<TimeSpan, ReceivedAudioPacket> _held = new(capacity);
    private TimeSpan? _lastReleased;

    /// <summary>Packets held now.</summary>
    public int Count => _held.Count;

    /// <summary>Packets dropped because a later one had already left.</summary>
    public long Late { get; private set; }

    /// <summary>Packets dropped as a second copy of one held or sent.</summary>
    public long Duplicates { get; private set; }

    /// <summary>Held packets dropped, oldest first, to make room.</summary>
    public long Overflowed { get; private set; }

    /// <summary>
    /// Holds <paramref name="packet"/> in its place, or drops it (counted) when it can no longer be placed; says which
    /// packet, if any, was dropped: this one (late or a duplicate) or the oldest held (overflow).
    /// </summary>
    public AudioDrop Add(ReceivedAudioPacket packet)
    {
        if (packet.CaptureTime == _lastReleased || _held.ContainsKey(packet.CaptureTime))
        {
            Duplicates++;
            return AudioDrop.Duplicate;
        }

        if (packet.CaptureTime < _lastReleased)
        {
            Late++;
            return AudioDrop.Late;
        }

        var drop = AudioDrop.None;
        if (_held.Count == capacity)
        {
            _held.RemoveAt(0);
            Overflowed++;
            drop = AudioDrop.Overflow;
        }

        _held.Add(packet.CaptureTime, packet);
        return drop;
    }

    /// <summary>
    /// The earliest held packet when it is due at <paramref name="nowTicks"/> (Stopwatch ticks) with the audio waiting
    /// <paramref name="delay"/>, with the instant it was due; false when none is due yet.
    /// </summary>
    public bool TryTakeDue(long nowTicks, TimeSpan delay, out ReceivedAudioPacket packet, out long dueTicks)
    {
        packet = null!;
        dueTicks = 0;
        if (_held.Count == 0)
        {
            return false;
        }

        var first = _held.GetValueAtIndex(0);
        long due = first.CapturedTicks + (long)(delay.TotalSeconds * Stopwatch.Frequency);
        if (due > nowTicks)
        {
            return false;
        }

        _held.RemoveAt(0);
        _lastReleased = first.CaptureTime;
        (packet, dueTicks) = (first, due);
        return true;
    }
}
