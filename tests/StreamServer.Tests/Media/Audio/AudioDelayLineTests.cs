using System.Diagnostics;
using PortraitStream.Server.Media.Audio;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Tests.Media.Audio;

/// <summary>
/// The delay line that holds audio until the picture of the same instant leaves: due times follow capture plus delay,
/// reordered packets take their place, late and duplicate ones are dropped and counted, a full line drops the oldest.
/// </summary>
public class AudioDelayLineTests
{
    private static readonly long Ms = Stopwatch.Frequency / 1000;

    /// <summary>The n-th 20 ms packet, captured at n·20 ms on both clocks (our clock's origin at zero).</summary>
    private static ReceivedAudioPacket Packet(int n) =>
        new(new byte[] { (byte)n }, TimeSpan.FromMilliseconds(n * 20), n * 20 * Ms, Marker: false);

    private static List<int> TakeDue(AudioDelayLine line, long nowTicks, TimeSpan delay)
    {
        var taken = new List<int>();
        while (line.TryTakeDue(nowTicks, delay, out var packet, out _))
        {
            taken.Add(packet.Payload.Span[0]);
        }

        return taken;
    }

    [Fact]
    public void EachPacket_LeavesAtCapturePlusDelay_NotBefore()
    {
        var line = new AudioDelayLine(16);
        line.Add(Packet(0));
        line.Add(Packet(1));
        var delay = TimeSpan.FromMilliseconds(150);

        Assert.Empty(TakeDue(line, 149 * Ms, delay));
        Assert.True(line.TryTakeDue(150 * Ms, delay, out var first, out long due));
        Assert.Equal(150 * Ms, due);
        Assert.Equal(0, first.Payload.Span[0]);
        Assert.Empty(TakeDue(line, 169 * Ms, delay));
        Assert.Equal([1], TakeDue(line, 170 * Ms, delay));
    }

    [Fact]
    public void Reordered_PacketsLeaveInCaptureOrder()
    {
        var line = new AudioDelayLine(16);
        foreach (int n in new[] { 0, 2, 1, 4, 3 })
        {
            line.Add(Packet(n));
        }

        Assert.Equal([0, 1, 2, 3, 4], TakeDue(line, 1000 * Ms, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(0, line.Late + line.Duplicates);
    }

    [Fact]
    public void TooLateAndDuplicate_Dropped_AndCounted()
    {
        var line = new AudioDelayLine(16);
        line.Add(Packet(0));
        line.Add(Packet(2));
        Assert.Equal([0, 2], TakeDue(line, 1000 * Ms, TimeSpan.Zero));

        line.Add(Packet(1)); // a later one already left: it cannot be placed any more
        line.Add(Packet(2)); // sent already
        line.Add(Packet(3));
        line.Add(Packet(3)); // held already

        Assert.Equal((1, 2), (line.Late, line.Duplicates));
        Assert.Equal([3], TakeDue(line, 1000 * Ms, TimeSpan.Zero));
    }

    [Fact]
    public void Full_OldestDropped_AndCounted()
    {
        var line = new AudioDelayLine(4);
        for (int n = 0; n < 6; n++)
        {
            line.Add(Packet(n));
        }

        Assert.Equal(2, line.Overflowed);
        Assert.Equal([2, 3, 4, 5], TakeDue(line, 1000 * Ms, TimeSpan.Zero));
    }
}
