using Microsoft.Extensions.Options;
using PortraitStream.Server.Tests.EndToEnd;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Dtls.Native;
using PortraitStream.Server.WebRtc.Warmup;

namespace PortraitStream.Server.Tests.WebRtc.Warmup;

/// <summary>
/// The media edge's start-up warm-up runs a whole call per codec in memory — offers of every shape answered, the ICE
/// check, DTLS with the server's own context, key frames and Opus both ways over SRTP, reports back — with no socket.
/// Counts process-wide sockets and OpenSSL objects, so it runs alone.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class TransportWarmupTests
{
    [Fact]
    public void Run_AnswersEachCodecAndDirection_AndCarriesKeyFramesAndOpusBothWaysOverDtlsSrtp()
    {
        using var dtls = ServerDtls();

        var result = Warmup(dtls).Run();

        // Per codec: a WHIP (sendonly) and a WHEP (recvonly) offer answered, and a browser's (sendrecv) call.
        Assert.Equal(6, result.OffersAnswered);
        Assert.Equal(2, result.Handshakes);
        Assert.Equal(4, result.KeyFrames);
        Assert.Equal(4, result.OpusPackets);
        Assert.True(result.Took > TimeSpan.Zero);
    }

    [Fact]
    public void Run_OpensNoSocket_AndReleasesEveryOpenSslObjectItMade()
    {
        using var dtls = ServerDtls();
        int udp = OpenSockets.CountUdp();
        long ssl = OpenSslHandle.LiveCount;

        Warmup(dtls).Run();

        Assert.Equal(udp, OpenSockets.CountUdp());
        Assert.Equal(ssl, OpenSslHandle.LiveCount);
    }

    [Fact]
    public void Run_Twice_OnOneContext_AsEachStartOfTheServerCould()
    {
        using var dtls = ServerDtls();
        var warmup = Warmup(dtls);

        Assert.Equal(warmup.Run() with { Took = default }, warmup.Run() with { Took = default });
    }

    /// <summary>The context the server composes (AddWebRtc): SRTP's AES-CM profile only.</summary>
    private static DtlsContext ServerDtls() => new(new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1Tag80] });

    private static TransportWarmup Warmup(DtlsContext dtls) => new(dtls, Options.Create(new WebRtcOptions()), TimeProvider.System);
}
