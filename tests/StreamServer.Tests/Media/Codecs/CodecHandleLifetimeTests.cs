using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Codecs.Native;

namespace PortraitStream.Server.Tests.Media.Codecs;

[Collection(nameof(NativeHandleCounting))]
public sealed class CodecHandleLifetimeTests
{
    [Fact]
    public void Dispose_ReleasesEveryCodecContext()
    {
        var before = SafeVpxCodecHandle.LiveCount;
        var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = 64, Height = 64 });
        var decoder = new Vp8Decoder();
        Assert.Equal(before + 2, SafeVpxCodecHandle.LiveCount);

        encoder.Dispose();
        decoder.Dispose();
        decoder.Dispose();

        Assert.Equal(before, SafeVpxCodecHandle.LiveCount);
        Assert.Throws<ObjectDisposedException>(() => decoder.Decode([1, 2, 3], out _));
    }

    [Fact]
    public void I420Frame_Dispose_ReturnsTheBufferOnce()
    {
        var frame = I420Frame.Rent(5, 3);
        Assert.Equal(5 * 3 + 2 * 3 * 2, frame.Length);
        Assert.Equal(3, frame.ChromaWidth);

        frame.Dispose();
        frame.Dispose();

        Assert.Throws<ObjectDisposedException>(() => frame.Planes.Length);
    }
}
