using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Server.Tests.WebRtc.Fuzz;
using PortraitStream.Server.Tests.WebRtc.Ice;
using PortraitStream.Server.Tests.WebRtc.Stun;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Dtls.Native;
using PortraitStream.Server.WebRtc.Sdp;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Tests.WebRtc.Session;

/// <summary>
/// A live peer connection on a real UDP port, bombarded with garbage shaped like each protocol it
/// demultiplexes: every datagram must be dropped and counted, none may fault the receive loop, and
/// disposing must release the OpenSSL objects.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class PeerConnectionHostileTests
{
    private static VideoOffer ChromiumOffer()
    {
        var sdp = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));
        Assert.True(VideoOffer.TryRead(sdp, out var offer, out _));
        return offer;
    }

    [Fact]
    public async Task Rfc7983_HostileDatagrams_DroppedAndCounted_LoopSurvives()
    {
        using var dtls = new DtlsContext();
        long handlesBefore = OpenSslHandle.LiveCount;
        var options = new WebRtcOptions { AnnouncedAddresses = ["127.0.0.1"] };
        var connection = PeerConnection.Start(ChromiumOffer(), dtls, options, TimeProvider.System, NullLogger.Instance);
        using var attacker = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var target = new IPEndPoint(IPAddress.Loopback, connection.LocalEndPoint.Port);
        var mutator = new Mutator(7983);
        byte[][] seeds =
        [
            Rfc5769Vectors.Request,
            IceLiteAgentTests.Check("wrong:iis6", "nope", true),
            Hex.Parse("16 FE FD 00 00 00 00 00 00 00 00 00 10 01 00 00 04 00 00 00 00 00 00 00 04 FE FD 00 00"), // DTLS-shaped
            Hex.Parse("80 60 00 01 00 00 00 02 00 00 00 03 AA BB CC DD EE FF 00 11 22 33 44 55"),             // SRTP-shaped
            Hex.Parse("81 C9 00 01 00 00 00 01 80 00 00 01 00 11 22 33 44 55 66 77 88 99"),                   // SRTCP-shaped
        ];
        const int Sent = 2000;
        for (int i = 0; i < Sent; i++)
        {
            var datagram = i % 10 == 9 ? mutator.RandomPacket() : mutator.Mutate(seeds[i % seeds.Length]);
            if (datagram.Length > 0)
            {
                await attacker.SendAsync(datagram, target);
            }

            if (i % 50 == 49)
            {
                await Task.Delay(2); // pace, so the kernel's receive buffer is not what drops them
            }
        }

        // Let the loop drain what the kernel buffered.
        for (int wait = 0; wait < 100 && connection.Counters.Datagrams < Sent * 9 / 10; wait++)
        {
            await Task.Delay(20);
        }

        var counters = connection.Counters;
        Assert.Equal(0, counters.Faults);
        Assert.InRange(counters.Datagrams, Sent / 2, Sent);
        Assert.True(counters.UnknownProtocol + counters.UnvalidatedSource > 0);
        Assert.False(connection.Closed.IsCompleted);

        await connection.DisposeAsync();
        Assert.Equal(handlesBefore, OpenSslHandle.LiveCount);
    }
}
