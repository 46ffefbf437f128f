using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Dtls.Native;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

public sealed class OpenSslErrorTests
{
    [Fact]
    public void FailedCall_BecomesAnExceptionWithOpenSslsOwnWords_AndEmptiesTheQueue()
    {
        using var ctx = new SafeSslCtxHandle(LibSsl.SSL_CTX_new(LibSsl.DTLS_method()));
        OpenSslError.Clear();

        var failed = LibSsl.SSL_CTX_set_cipher_list(ctx.DangerousGetHandle(), "NO-SUCH-CIPHER") != 1;
        var error = Assert.Throws<OpenSslException>(() => OpenSslError.ThrowIf(failed, "SSL_CTX_set_cipher_list"));

        Assert.StartsWith("SSL_CTX_set_cipher_list failed: error:", error.Message, StringComparison.Ordinal);
        Assert.Contains("no cipher match", error.Message, StringComparison.Ordinal);
        Assert.Equal("no OpenSSL error queued", OpenSslError.Drain());
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(1200, 0)]
    [InlineData(1200, 61_000)]
    public void Options_OutOfRange_AreRefusedUpFront(int mtu, int initialTimeoutMs)
    {
        var options = new DtlsOptions { Mtu = mtu, InitialRetransmitTimeout = TimeSpan.FromMilliseconds(initialTimeoutMs) };

        Assert.Throws<ArgumentOutOfRangeException>(() => new DtlsContext(options));
    }

    [Fact]
    public void Options_WithoutSrtpProfiles_AreRefusedUpFront()
    {
        Assert.Throws<ArgumentException>(() => new DtlsContext(new DtlsOptions { SrtpProfiles = [] }));
    }
}
