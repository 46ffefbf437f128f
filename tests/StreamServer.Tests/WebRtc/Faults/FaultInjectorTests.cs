using System.Buffers.Binary;
using System.Net;
using Microsoft.Extensions.Configuration;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Faults;

namespace PortraitStream.Server.Tests.WebRtc.Faults;

/// <summary>
/// The test-only fault injector on its own: numbered datagrams through it into a recording sink. Rates are checked on
/// seeded runs of 100,000 datagrams against the expected share (±0.5 percentage points, far more than the spread of
/// a binomial at that size); reordering and duplication are checked datagram by datagram.
/// </summary>
public sealed class FaultInjectorTests
{
    private const int Datagrams = 100_000;
    private const double Tolerance = 0.005;
    private static readonly SocketAddress From = new IPEndPoint(IPAddress.Loopback, 5004).Serialize();

    /// <summary>Keeps every delivered datagram's number and address, then scribbles over it as SRTP's in-place unprotect would.</summary>
    private sealed class RecordingSink : IDatagramSink
    {
        public List<int> Numbers { get; } = [];

        public List<SocketAddress> Addresses { get; } = [];

        public void Deliver(Span<byte> datagram, SocketAddress address)
        {
            Numbers.Add(BinaryPrimitives.ReadInt32BigEndian(datagram));
            Addresses.Add(new IPEndPoint(IPAddress.Any, 0).Create(address).Serialize());
            datagram.Clear();
        }
    }

    private static FaultInjectionOptions Rates(double loss = 0, double reorder = 0, double duplicate = 0, int seed = 7) =>
        new() { Enabled = true, LossPercent = loss, ReorderPercent = reorder, DuplicatePercent = duplicate, Seed = seed };

    private static RecordingSink Run(FaultInjector injector, int count, Func<int, SocketAddress>? address = null)
    {
        var sink = new RecordingSink();
        Span<byte> datagram = stackalloc byte[100];
        for (int i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(datagram, i);
            injector.Pass(datagram, address?.Invoke(i) ?? From, sink);
        }

        return sink;
    }

    [Fact]
    public void Off_ByDefault_NoInjectorEvenWithRatesSet()
    {
        // Rates alone never switch it on: a production config that sets one by mistake still gets untouched sockets.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WebRtc:FaultInjection:LossPercent"] = "50",
            ["WebRtc:FaultInjection:DuplicatePercent"] = "50",
        }).Build();
        var options = configuration.GetSection("WebRtc").Get<WebRtcOptions>()!;

        Assert.False(new WebRtcOptions().FaultInjection.Enabled);
        Assert.Equal(50, options.FaultInjection.LossPercent);
        Assert.Null(FaultInjector.For(options.FaultInjection, FaultPath.Receive));
        Assert.Null(FaultInjector.For(options.FaultInjection, FaultPath.Send));
    }

    [Fact]
    public void ZeroRates_PassEveryDatagramOnceInOrder()
    {
        var injector = new FaultInjector(Rates(), seed: 1);

        var sink = Run(injector, 1000);

        Assert.Equal(Enumerable.Range(0, 1000), sink.Numbers);
        Assert.All(sink.Addresses, a => Assert.Equal(From, a));
        Assert.Equal(1000, injector.Counters.Offered);
        Assert.Equal(0, injector.Counters.Dropped + injector.Counters.Reordered + injector.Counters.Duplicated);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(5.0)]
    [InlineData(10.0)]
    public void Loss_DropsTheConfiguredShare_AndNothingElse(double percent)
    {
        var injector = new FaultInjector(Rates(loss: percent), seed: 11);

        var sink = Run(injector, Datagrams);

        Assert.Equal(percent / 100, (double)injector.Counters.Dropped / Datagrams, Tolerance);
        Assert.Equal(Datagrams - injector.Counters.Dropped, sink.Numbers.Count);
        Assert.Equal(sink.Numbers.Order(), sink.Numbers);
    }

    [Fact]
    public void Duplicate_DeliversTheConfiguredShareTwice_IntactAfterTheSinkChangedTheFirst()
    {
        var injector = new FaultInjector(Rates(duplicate: 5), seed: 12);

        var sink = Run(injector, Datagrams);

        Assert.Equal(0.05, (double)injector.Counters.Duplicated / Datagrams, Tolerance);
        Assert.Equal(Datagrams + injector.Counters.Duplicated, sink.Numbers.Count);
        // The sink clears each datagram it is handed: a twin that shared its buffer would read back as number 0.
        var twins = sink.Numbers.CountBy(n => n).Where(g => g.Value == 2).Select(g => g.Key).ToArray();
        Assert.Equal(injector.Counters.Duplicated, twins.Length);
        Assert.Equal(Enumerable.Range(0, Datagrams), sink.Numbers.Distinct());
    }

    [Fact]
    public void Duplicate_Always_EveryDatagramTwiceBackToBack()
    {
        var sink = Run(new FaultInjector(Rates(duplicate: 100), seed: 1), 5);

        Assert.Equal([0, 0, 1, 1, 2, 2, 3, 3, 4, 4], sink.Numbers);
    }

    [Fact]
    public void Reorder_Always_SwapsEachPair_AndKeepsEachDatagramsAddress()
    {
        var injector = new FaultInjector(Rates(reorder: 100), seed: 1);

        // Each datagram from its own port, so a held datagram that lost its address would show.
        var sink = Run(injector, 6, i => new IPEndPoint(IPAddress.Loopback, 6000 + i).Serialize());

        Assert.Equal([1, 0, 3, 2, 5, 4], sink.Numbers);
        Assert.Equal(sink.Numbers.Select(n => new IPEndPoint(IPAddress.Loopback, 6000 + n).Serialize()), sink.Addresses);
        Assert.Equal(3, injector.Counters.Reordered);
    }

    [Fact]
    public void Reorder_HoldsTheConfiguredShare_EachDeliveredOnePlaceLate()
    {
        const double rate = 0.05;
        var injector = new FaultInjector(Rates(reorder: rate * 100), seed: 13);

        var sink = Run(injector, Datagrams);

        // Only one datagram is held at a time and the next always releases it, so of every datagram, a share of
        // r / (1 + r) is held: r of those offered while nothing is held, which is 1 / (1 + r) of them.
        Assert.Equal(rate / (1 + rate), (double)injector.Counters.Reordered / Datagrams, Tolerance);
        Assert.Equal(Datagrams - (sink.Numbers[^1] == Datagrams - 1 ? 0 : 1), sink.Numbers.Count);
        int late = sink.Numbers.Zip(sink.Numbers.Skip(1)).Count(p => p.Second == p.First - 1);
        Assert.Equal(injector.Counters.Reordered - (sink.Numbers.Count < Datagrams ? 1 : 0), late);
        Assert.Equal(sink.Numbers.Count, sink.Numbers.Distinct().Count());
    }

    [Fact]
    public void SameSeed_SameFaults_OtherSeed_OtherFaults()
    {
        var options = Rates(loss: 10, reorder: 5, duplicate: 5);

        var first = Run(new FaultInjector(options, seed: 3), 10_000).Numbers;
        var again = Run(new FaultInjector(options, seed: 3), 10_000).Numbers;
        var other = Run(new FaultInjector(options, seed: 4), 10_000).Numbers;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Paths_DrawFromDifferentSeeds()
    {
        var options = Rates(loss: 10, seed: 100);

        var receive = Run(FaultInjector.For(options, FaultPath.Receive)!, 10_000).Numbers;
        var send = Run(FaultInjector.For(options, FaultPath.Send)!, 10_000).Numbers;

        Assert.NotEqual(receive, send);
        Assert.Equal(receive, Run(new FaultInjector(options, seed: 100), 10_000).Numbers);
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(0, 101, 0)]
    [InlineData(0, 0, double.NaN)]
    public void RatesOutside0To100_Refused(double loss, double reorder, double duplicate)
    {
        var options = Rates(loss, reorder, duplicate);

        Assert.False(options.HasValidRates);
        Assert.Throws<ArgumentException>(() => new FaultInjector(options, seed: 1));
    }

    [Fact]
    public void OversizedDatagram_Refused()
    {
        var injector = new FaultInjector(Rates(), seed: 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => injector.Pass(new byte[FaultInjector.MaxDatagram + 1], From, new RecordingSink()));
    }
}
