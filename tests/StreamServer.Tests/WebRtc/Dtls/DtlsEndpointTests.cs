using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

public sealed class DtlsEndpointTests
{
    public static TheoryData<SrtpProtectionProfile[], SrtpProtectionProfile[], SrtpProtectionProfile> ProfileNegotiations => new()
    {
        // RFC 5764 §4.1.1: the server chooses; OpenSSL's server takes its own first profile the client also offers.
        { [SrtpProtectionProfile.Aes128CmHmacSha1Tag80, SrtpProtectionProfile.AeadAes128Gcm], [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1Tag80], SrtpProtectionProfile.Aes128CmHmacSha1Tag80 },
        { [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1Tag80], [SrtpProtectionProfile.Aes128CmHmacSha1Tag80, SrtpProtectionProfile.AeadAes128Gcm], SrtpProtectionProfile.AeadAes128Gcm },
        { [SrtpProtectionProfile.AeadAes128Gcm, SrtpProtectionProfile.Aes128CmHmacSha1Tag80], [SrtpProtectionProfile.Aes128CmHmacSha1Tag80], SrtpProtectionProfile.Aes128CmHmacSha1Tag80 },
    };

    [Theory]
    [MemberData(nameof(ProfileNegotiations))]
    public void Rfc5764_Handshake_NegotiatesProfile_AndBothSidesExportTheSameKeys(
        SrtpProtectionProfile[] serverProfiles, SrtpProtectionProfile[] clientProfiles, SrtpProtectionProfile expected)
    {
        using var loop = new DtlsLoopback(new DtlsOptions { SrtpProfiles = serverProfiles }, new DtlsOptions { SrtpProfiles = clientProfiles });

        Assert.True(loop.Handshake(), $"server {loop.Server.State} {loop.Server.FailureReason}; client {loop.Client.State} {loop.Client.FailureReason}");

        var server = loop.Server.SrtpKeys!;
        var client = loop.Client.SrtpKeys!;
        Assert.Equal(expected, server.Profile);
        Assert.Equal(expected, client.Profile);
        Assert.Equal(expected.MasterKeyLength(), server.ClientWriteKey.Length);
        Assert.Equal(expected.MasterSaltLength(), server.ServerWriteSalt.Length);
        Assert.True(server.ClientWriteKey.SequenceEqual(client.ClientWriteKey));
        Assert.True(server.ServerWriteKey.SequenceEqual(client.ServerWriteKey));
        Assert.True(server.ClientWriteSalt.SequenceEqual(client.ClientWriteSalt));
        Assert.True(server.ServerWriteSalt.SequenceEqual(client.ServerWriteSalt));
        // Each side's outgoing key is the other side's incoming key, and the two directions differ.
        Assert.True(server.LocalMasterKey.SequenceEqual(client.RemoteMasterKey));
        Assert.True(client.LocalMasterSalt.SequenceEqual(server.RemoteMasterSalt));
        Assert.False(server.LocalMasterKey.SequenceEqual(server.RemoteMasterKey));
    }

    [Fact]
    public void Rfc5764_4_1_2_ServerWithDefaults_RefusesAClientOfferingOnlyProfilesItDoesNotImplement()
    {
        using var loop = new DtlsLoopback(clientOptions: new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.AeadAes128Gcm] });

        Assert.False(loop.Handshake());

        Assert.Equal([SrtpProtectionProfile.Aes128CmHmacSha1Tag80], loop.ServerContext.Options.SrtpProfiles);
        Assert.Null(loop.Server.SrtpKeys);
        Assert.Null(loop.Client.SrtpKeys);
        Assert.Contains("SRTP", loop.Client.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rfc6347_HandshakeFlights_FitTheMtu()
    {
        using var loop = new DtlsLoopback(new DtlsOptions { Mtu = 300 }, new DtlsOptions { Mtu = 300 });

        Assert.True(loop.Handshake());
        Assert.All(loop.Log, entry => Assert.InRange(entry.Datagram.Length, DtlsRecordFraming.HeaderLength, 300));
    }

    [Fact]
    public void Rfc5763_ServerRefusesClientWhoseCertificateIsNotTheAnnouncedOne()
    {
        using var stranger = new DtlsContext();
        using var loop = new DtlsLoopback(serverExpects: stranger.LocalFingerprint);

        Assert.False(loop.Handshake());

        Assert.Equal(DtlsState.Failed, loop.Server.State);
        Assert.Contains("fingerprint", loop.Server.FailureReason, StringComparison.Ordinal);
        Assert.Null(loop.Server.SrtpKeys);
        // The server's alert reaches the client, which fails too instead of waiting forever.
        Assert.Equal(DtlsState.Failed, loop.Client.State);
        Assert.Null(loop.Client.SrtpKeys);
    }

    [Fact]
    public void Rfc5763_ClientRefusesServerWhoseCertificateIsNotTheAnnouncedOne()
    {
        using var stranger = new DtlsContext();
        using var loop = new DtlsLoopback(clientExpects: stranger.LocalFingerprint);

        Assert.False(loop.Handshake());

        Assert.Equal(DtlsState.Failed, loop.Client.State);
        Assert.Contains("fingerprint", loop.Client.FailureReason, StringComparison.Ordinal);
        Assert.NotEqual(DtlsState.Connected, loop.Server.State);
    }

    [Fact]
    public void Rfc6347_4_2_4_LostFlightsAreRetransmittedWhenTheTimerExpires()
    {
        // Long enough that no stall of a loaded machine during the first pump lets OpenSSL's read path retransmit on its
        // own (it checks the timer on every read), which would change the scenario under test; short enough to be quick.
        var fast = new DtlsOptions { InitialRetransmitTimeout = TimeSpan.FromMilliseconds(250) };
        using var loop = new DtlsLoopback(fast, fast);
        // Lose the first flight in each direction: the ClientHello and the server's first reply.
        var lost = new HashSet<DtlsRole>();
        loop.Deliver = (from, _) => !lost.Add(from);

        loop.Server.Start();
        loop.Client.Start();
        loop.Pump();
        Assert.Equal(DtlsState.Handshaking, loop.Client.State);

        for (var round = 0; round < 20 && !(loop.Server.State == DtlsState.Connected && loop.Client.State == DtlsState.Connected); round++)
        {
            var wait = new[] { loop.Client.RetransmitTimeout, loop.Server.RetransmitTimeout }.Where(t => t is not null).Min() ?? TimeSpan.Zero;
            Thread.Sleep(wait + TimeSpan.FromMilliseconds(2));
            loop.Client.HandleTimeout();
            loop.Server.HandleTimeout();
            loop.Pump();
        }

        Assert.Equal(DtlsState.Connected, loop.Server.State);
        Assert.Equal(DtlsState.Connected, loop.Client.State);
        Assert.Equal(2, lost.Count);
        Assert.True(loop.Server.SrtpKeys!.ClientWriteKey.SequenceEqual(loop.Client.SrtpKeys!.ClientWriteKey));
    }

    [Fact]
    public void Rfc6347_4_2_4_LostFinalFlight_IsResentWhenThePeerRetransmits()
    {
        // Long enough that no stall of a loaded machine during the first pump lets OpenSSL's read path retransmit on its
        // own (it checks the timer on every read), which would change the scenario under test; short enough to be quick.
        var fast = new DtlsOptions { InitialRetransmitTimeout = TimeSpan.FromMilliseconds(250) };
        using var loop = new DtlsLoopback(fast, fast);
        // The server's last flight (ChangeCipherSpec, Finished) leaves after the server already counts as connected.
        var droppedFinal = 0;
        loop.Deliver = (from, _) => !(from == DtlsRole.Server && loop.Server.State == DtlsState.Connected && droppedFinal++ == 0);

        loop.Handshake();
        Assert.Equal(DtlsState.Connected, loop.Server.State);
        Assert.Equal(DtlsState.Handshaking, loop.Client.State);

        // The client's timer resends its last flight; the connected server answers it with its own again.
        for (var round = 0; round < 20 && loop.Client.State != DtlsState.Connected; round++)
        {
            Thread.Sleep((loop.Client.RetransmitTimeout ?? TimeSpan.Zero) + TimeSpan.FromMilliseconds(2));
            loop.Client.HandleTimeout();
            loop.Pump();
        }

        Assert.Equal(DtlsState.Connected, loop.Client.State);
        Assert.Equal(DtlsState.Connected, loop.Server.State);
        Assert.True(loop.Server.SrtpKeys!.ServerWriteKey.SequenceEqual(loop.Client.SrtpKeys!.ServerWriteKey));
    }

    [Fact]
    public void Rfc6347_4_2_4_NoTimerRunsBeforeStartOrAfterConnect()
    {
        using var loop = new DtlsLoopback();
        Assert.Null(loop.Client.RetransmitTimeout);

        loop.Client.Start();
        Assert.NotNull(loop.Client.RetransmitTimeout);

        loop.Pump();
        Assert.Equal(DtlsState.Connected, loop.Client.State);
        Assert.Null(loop.Client.RetransmitTimeout);
    }

    [Fact]
    public void Rfc5246_7_2_1_CloseNotifyClosesThePeer()
    {
        using var loop = new DtlsLoopback();
        Assert.True(loop.Handshake());

        loop.Client.Close();
        loop.Pump();

        Assert.Equal(DtlsState.Closed, loop.Client.State);
        Assert.Equal(DtlsState.Closed, loop.Server.State);
        Assert.NotNull(loop.Server.SrtpKeys);
    }

    [Fact]
    public void Receive_AfterDispose_IsIgnoredWithoutThrowing()
    {
        using var loop = new DtlsLoopback();
        loop.Client.Start();
        Assert.True(loop.Client.TryDequeueOutgoing(out var clientHello));
        loop.Server.Dispose();

        Assert.Equal(DtlsState.Closed, loop.Server.Receive(clientHello));
        Assert.Equal(1, loop.Server.IgnoredDatagrams);
        loop.Server.HandleTimeout();
        Assert.Null(loop.Server.RetransmitTimeout);
    }
}
