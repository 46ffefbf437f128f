using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Dtls.Native;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

[Collection(nameof(NativeHandleCounting))]
public sealed class DtlsHandleLifetimeTests
{
    [Theory]
    [InlineData(0)] // created, never started
    [InlineData(1)] // ClientHello delivered, server flight in flight
    [InlineData(3)] // deep in the handshake
    public void Dispose_MidHandshake_ReleasesEveryOpenSslObject(int datagramsDelivered)
    {
        var before = OpenSslHandle.LiveCount;
        var loop = new DtlsLoopback();
        var delivered = 0;
        loop.Deliver = (_, _) => delivered++ < datagramsDelivered;
        loop.Server.Start();
        loop.Client.Start();
        loop.Pump();
        Assert.True(OpenSslHandle.LiveCount > before);

        loop.Dispose();

        Assert.Equal(before, OpenSslHandle.LiveCount);
    }

    [Fact]
    public void Dispose_AfterConnectAndClose_ReleasesEveryOpenSslObject()
    {
        var before = OpenSslHandle.LiveCount;
        for (var i = 0; i < 5; i++)
        {
            using var loop = new DtlsLoopback();
            Assert.True(loop.Handshake());
            loop.Server.Close();
            loop.Pump();
        }

        Assert.Equal(before, OpenSslHandle.LiveCount);
    }
}
