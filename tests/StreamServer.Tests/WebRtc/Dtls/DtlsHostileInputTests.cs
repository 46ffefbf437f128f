using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

/// <summary>
/// Bad network input is counted and dropped; it never throws and never stops a handshake in progress. Mutated handshake
/// datagrams and records after connect are fuzzed with every other parser (Fuzz/FuzzTargets: DtlsHandshake, DtlsConnected).
/// </summary>
public sealed class DtlsHostileInputTests
{
    public static TheoryData<string, byte[]> MalformedDatagrams => new()
    {
        { "empty", [] },
        { "one byte", [22] },
        { "header cut short", [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
        { "length beyond the datagram", [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 1, 2, 3] },
        { "unknown content type", [99, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0] },
        { "TLS version instead of DTLS", [22, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0] },
        { "trailing bytes after a record", [22, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 7] },
        { "oversized record", OversizedRecord() },
        { "random", RandomBytes(500, seed: 1) },
    };

    [Theory]
    [MemberData(nameof(MalformedDatagrams))]
    public void Rfc6347_4_1_2_7_MalformedDatagramsAreCountedAndDropped_HandshakeStillCompletes(string name, byte[] datagram)
    {
        using var loop = new DtlsLoopback();
        // Inject the bad datagram before every real one, in both directions.
        loop.Deliver = (from, _) =>
        {
            var target = from == DtlsRole.Client ? loop.Server : loop.Client;
            target.Receive(datagram);
            return true;
        };

        Assert.True(loop.Handshake(), name);

        var injected = loop.Log.Count;
        Assert.Equal(injected, loop.Server.MalformedDatagrams + loop.Client.MalformedDatagrams);
    }

    [Fact]
    public void Garbage_AfterConnect_IsDroppedAndTheAssociationSurvives()
    {
        using var loop = new DtlsLoopback();
        Assert.True(loop.Handshake());
        var random = new Random(6347);

        for (var i = 0; i < 1000; i++)
        {
            loop.Server.Receive(RandomBytes(random.Next(0, 1500), random.Next()));
        }
        // An application_data record with a well-formed header but a forged body fails authentication and is
        // discarded silently (RFC 6347 §4.1.2.7), not treated as fatal.
        byte[] forged = [23, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0, 32, .. RandomBytes(32, seed: 2)];
        loop.Server.Receive(forged);

        Assert.Equal(DtlsState.Connected, loop.Server.State);
        Assert.Equal(1000 + 1, loop.Server.DatagramsReceived - loop.Log.Count(e => e.From == DtlsRole.Client));
    }

    private static byte[] OversizedRecord()
    {
        var record = new byte[DtlsRecordFraming.HeaderLength + 20000];
        record[0] = 22;
        record[1] = 0xFE;
        record[2] = 0xFD;
        record[11] = 20000 >> 8;
        record[12] = 20000 & 0xFF;
        return record;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
