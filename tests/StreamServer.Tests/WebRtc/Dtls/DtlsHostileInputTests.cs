using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

/// <summary>Bad network input is counted and dropped; it never throws and never stops a handshake in progress.</summary>
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
    public void Fuzz_MutatedHandshakeDatagrams_NeverThrow()
    {
        using var recorded = new DtlsLoopback();
        Assert.True(recorded.Handshake());
        var random = new Random(5764);

        for (var i = 0; i < 300; i++)
        {
            using var loop = new DtlsLoopback();
            var (from, original) = recorded.Log[random.Next(recorded.Log.Count)];
            var target = from == DtlsRole.Client ? loop.Server : loop.Client;
            target.Start();
            var mutated = Mutate(original, random);

            var state = target.Receive(mutated);

            Assert.True(state is DtlsState.Handshaking or DtlsState.Failed or DtlsState.New, $"{state}");
            Assert.True(state != DtlsState.Failed || target.FailureReason is not null);
        }
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

    private static byte[] Mutate(byte[] original, Random random)
    {
        var mutated = (byte[])original.Clone();
        switch (random.Next(3))
        {
            case 0: // flip bytes
                for (var flips = random.Next(1, 8); flips > 0; flips--)
                {
                    mutated[random.Next(mutated.Length)] ^= (byte)random.Next(1, 256);
                }
                return mutated;
            case 1: // truncate
                return mutated[..random.Next(mutated.Length)];
            default: // corrupt only the body, keeping the record header plausible
                for (var i = DtlsRecordFraming.HeaderLength; i < mutated.Length; i++)
                {
                    mutated[i] = (byte)random.Next(256);
                }
                return mutated;
        }
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
