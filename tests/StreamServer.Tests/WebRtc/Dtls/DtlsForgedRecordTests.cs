using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

/// <summary>
/// Regression for issue #17 finding 1: after the handshake one forged 29-byte application_data record (epoch 1,
/// 16-byte body) from the peer's own address ended the association with "DTLS record layer failed (SSL_get_error 5):
/// no OpenSSL error queued". RFC 6347 §4.1.2.7: invalid records are silently discarded; only an authenticated alert
/// ends the association. Each case forges a record, checks the association survives it, then checks an authentic
/// close_notify from the peer still closes it (so OpenSSL was left able to read).
/// </summary>
public sealed class DtlsForgedRecordTests
{
    private const byte ChangeCipherSpec = 20, Alert = 21, Handshake = 22, ApplicationData = 23;

    public static TheoryData<string, byte, ushort, int> ForgedRecords()
    {
        var data = new TheoryData<string, byte, ushort, int>();
        foreach (var length in new[] { 0, 1, 2, 8, 15, 16, 17, 23, 24, 25, 40, 1000 })
        {
            data.Add($"application_data, epoch 1, {length}-byte body", ApplicationData, 1, length);
        }
        data.Add("plaintext fatal alert, epoch 0", Alert, 0, -1);
        data.Add("plaintext fatal alert, epoch 1", Alert, 1, -1);
        data.Add("application_data, epoch 1, 26-byte body", ApplicationData, 1, 26);
        data.Add("handshake, epoch 0, random body", Handshake, 0, 60);
        data.Add("handshake, epoch 2, random body", Handshake, 2, 60);
        data.Add("change_cipher_spec, epoch 0", ChangeCipherSpec, 0, 1);
        data.Add("change_cipher_spec, epoch 1", ChangeCipherSpec, 1, 1);
        data.Add("application_data, epoch 0", ApplicationData, 0, 32);
        data.Add("application_data, epoch 7", ApplicationData, 7, 32);
        return data;
    }

    [Theory]
    [MemberData(nameof(ForgedRecords))]
    public void Rfc6347_4_1_2_7_ForgedRecordAfterHandshake_IsDiscarded_AndAnAuthenticCloseStillCloses(
        string name, byte contentType, ushort epoch, int bodyLength)
    {
        using var loop = new DtlsLoopback();
        Assert.True(loop.Handshake());

        var forged = Forge(contentType, epoch, bodyLength, seed: bodyLength + 1000 * epoch);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(DtlsState.Connected, loop.Server.Receive(forged));
        }
        Assert.True(loop.Server.DiscardedRecords >= 1, name);
        Assert.Null(loop.Server.RecordLayerFault);
        Assert.Null(loop.Server.FailureReason);

        loop.Client.Close();
        loop.Pump();
        Assert.Equal(DtlsState.Closed, loop.Server.State);
    }

    /// <summary>
    /// Protected-looking alert and handshake records OpenSSL discards silently, like a legitimate retransmitted
    /// Finished it answers without data, so they cannot be counted; they must still leave the association up.
    /// </summary>
    [Theory]
    [InlineData(Alert, 26)]
    [InlineData(Alert, 40)]
    [InlineData(Handshake, 36)]
    [InlineData(Handshake, 60)]
    public void Rfc6347_4_1_2_7_ForgedProtectedAlertOrHandshake_LeavesTheAssociationUp(byte contentType, int bodyLength)
    {
        using var loop = new DtlsLoopback();
        Assert.True(loop.Handshake());

        Assert.Equal(DtlsState.Connected, loop.Server.Receive(Forge(contentType, 1, bodyLength, seed: bodyLength)));
        Assert.Null(loop.Server.RecordLayerFault);

        loop.Client.Close();
        loop.Pump();
        Assert.Equal(DtlsState.Closed, loop.Server.State);
    }

    [Fact]
    public void Rfc6347_4_1_2_7_ReplayedHandshakeFlightAfterHandshake_IsHarmless()
    {
        using var loop = new DtlsLoopback();
        Assert.True(loop.Handshake());

        foreach (var (from, datagram) in loop.Log.Where(e => e.From == DtlsRole.Client).ToList())
        {
            loop.Server.Receive(datagram);
        }

        Assert.Equal(DtlsState.Connected, loop.Server.State);
        loop.Client.Close();
        loop.Pump();
        Assert.Equal(DtlsState.Closed, loop.Server.State);
    }

    internal static byte[] Forge(byte contentType, ushort epoch, int bodyLength, int seed) =>
        ForgedDtlsRecord.Make(contentType, epoch, bodyLength, seed);
}
