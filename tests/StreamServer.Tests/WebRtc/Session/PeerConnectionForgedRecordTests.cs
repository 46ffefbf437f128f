using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Server.Tests.WebRtc.Dtls;
using PortraitStream.Server.Tests.WebRtc.Fuzz;
using PortraitStream.Server.Tests.WebRtc.Vp8;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Dtls.Native;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Tests.WebRtc.Session;

/// <summary>
/// Regression for issue #17 finding 1, at the session level: forged and mutated DTLS records sent from the peer's own
/// selected address (so they pass the ICE source check and reach DTLS, unlike <see cref="PeerConnectionHostileTests"/>)
/// while the peer streams SRTP video. The session must neither close nor stop delivering frames (RFC 6347 §4.1.2.7).
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class PeerConnectionForgedRecordTests
{
    private const int Storm = 5000;

    [Fact]
    public async Task Rfc6347_4_1_2_7_ForgedRecordsFromThePeersAddress_SessionKeepsDeliveringFrames()
    {
        using var dtls = new DtlsContext();
        long handlesBefore = OpenSslHandle.LiveCount;
        var options = new WebRtcOptions { AnnouncedAddresses = ["127.0.0.1"] };
        var browser = new LoopbackBrowser(offer => PeerConnection.Start(offer, dtls, options, TimeProvider.System, NullLogger.Instance));
        var connection = browser.Connection;
        long frames = 0;
        var drain = Task.Run(async () =>
        {
            await foreach (var frame in connection.Receiver.Frames.ReadAllAsync())
            {
                frame.Dispose();
                Interlocked.Increment(ref frames);
            }
        });
        browser.Connect();
        var keyFrame = Vp8PayloadTests.KeyFrame(800);
        await SendFramesUntil(browser, keyFrame, () => Interlocked.Read(ref frames) >= 3);

        var mutator = new Mutator(17);
        // The issue's datagram: application_data, DTLS 1.2, epoch 1, random sequence number, 16 random body bytes.
        byte[] issueRecord = [0x17, 0xFE, 0xFD, 0x00, 0x01, 1, 2, 3, 4, 5, 6, 0x00, 0x10, .. new byte[16]];
        byte[][] seeds =
        [
            issueRecord,
            DtlsForgedRecordTests.Forge(23, 1, 40, seed: 1),
            DtlsForgedRecordTests.Forge(21, 0, -1, seed: 2),
            DtlsForgedRecordTests.Forge(21, 1, 26, seed: 3),
            DtlsForgedRecordTests.Forge(22, 1, 60, seed: 4),
            DtlsForgedRecordTests.Forge(20, 1, 1, seed: 5),
            .. browser.HandshakeDatagrams,
        ];
        var framesBeforeStorm = Interlocked.Read(ref frames);
        for (int i = 0; i < Storm; i++)
        {
            var seed = seeds[i % seeds.Length];
            var forged = i % 3 == 0 ? seed : mutator.Mutate(seed);
            if (i % 7 == 0 && forged.Length > 0)
            {
                forged[0] = (byte)(20 + i % 4); // keep the RFC 7983 DTLS range so the record reaches DTLS
            }
            if (forged.Length > 0)
            {
                browser.Send(forged);
            }
            if (i % 100 == 99)
            {
                browser.SendFrame(keyFrame);
                await Task.Delay(2);
            }
        }
        browser.SendCheck();
        await SendFramesUntil(browser, keyFrame, () => Interlocked.Read(ref frames) >= framesBeforeStorm + Storm / 100 / 2);

        var closed = await Task.WhenAny(connection.Closed, Task.Delay(50)) == connection.Closed ? await connection.Closed : null;
        Assert.Null(closed);
        Assert.Equal(0, connection.Counters.Faults);
        Assert.True(connection.DtlsDiscarded > Storm / 10, $"{connection.DtlsDiscarded} discarded");
        Assert.True(Interlocked.Read(ref frames) >= framesBeforeStorm + Storm / 100 / 2, $"{frames} frames, {framesBeforeStorm} before the storm");

        await connection.DisposeAsync();
        await drain;
        browser.Dispose();
        Assert.Equal(handlesBefore, OpenSslHandle.LiveCount);
    }

    private static async Task SendFramesUntil(LoopbackBrowser browser, byte[] frame, Func<bool> done)
    {
        for (int i = 0; i < 200 && !done(); i++)
        {
            browser.SendFrame(frame);
            await Task.Delay(10);
        }
    }
}
