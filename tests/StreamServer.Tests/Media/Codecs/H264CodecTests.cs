using System.Buffers;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Codecs.Native;

namespace PortraitStream.Server.Tests.Media.Codecs;

/// <summary>OpenH264 through our P/Invoke both ways: pictures survive, key frames come when asked, handles go when disposed.</summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class H264CodecTests
{
    private const int FrameTicks = 90_000 / 30;

    [Theory]
    [InlineData(320, 240, 800, 32.0)]
    [InlineData(162, 98, 300, 30.0)] // not whole macroblocks: the SPS crops
    public void EncodeDecode_SyntheticSequence_KeepsPsnrAboveBound(int width, int height, int kbps, double minimumPsnr)
    {
        using var encoder = new H264Encoder(width, height, kbps);
        using var decoder = new H264Decoder();
        var output = new ArrayBufferWriter<byte>();
        var psnrs = new List<double>();

        for (var i = 0; i < 30; i++)
        {
            using var source = SyntheticVideo.Frame(width, height, i);
            output.Clear();
            if (!encoder.TryEncode(source, i * FrameTicks, output, out var info))
            {
                continue; // rate control may skip a picture
            }

            Assert.Equal(output.WrittenCount, info.Length);
            Assert.Equal(i == 0, info.IsKeyframe);
            Assert.Equal(VideoDecodeStatus.Decoded, decoder.Decode(output.WrittenSpan, out var decoded));
            using (decoded)
            {
                Assert.Equal((width, height), (decoded!.Width, decoded.Height));
                psnrs.Add(SyntheticVideo.Psnr(source, decoded));
            }
        }

        Assert.True(psnrs.Count >= 25, $"only {psnrs.Count} of 30 pictures encoded");
        Assert.True(psnrs.Min() > minimumPsnr, $"PSNR min {psnrs.Min():F1} dB, mean {psnrs.Average():F1} dB");
    }

    [Fact]
    public void KeyFrame_IsAnIdrWithSpsAndPpsInFront()
    {
        using var encoder = new H264Encoder(160, 120, 300);
        var output = new ArrayBufferWriter<byte>();
        using var source = SyntheticVideo.Frame(160, 120, 0);
        Assert.True(encoder.TryEncode(source, 0, output, out _));

        var types = NalTypes(output.WrittenSpan.ToArray());
        Assert.Equal([7, 8], types.Take(2));
        Assert.Contains(5, types);
    }

    [Fact]
    public void RequestKeyframe_MakesTheNextFrameAnIdr()
    {
        using var stream = VideoCodecs.CreateStreamEncoder(PortraitStream.Server.WebRtc.Video.VideoCodec.H264);
        var keyframes = new List<int>();
        var output = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 12; i++)
        {
            using var source = SyntheticVideo.Frame(160, 120, i);
            output.Clear();
            // The bitrate changes on the way (REMB), which must not force an IDR by itself.
            if (stream.TryEncode(source, i * FrameTicks, i < 5 ? 400_000 : 250_000, keyFrame: i == 7, output, out var info) && info.IsKeyframe)
            {
                keyframes.Add(i);
            }
        }

        Assert.Equal([0, 7], keyframes);
    }

    [Theory]
    [InlineData(161, 120)]
    [InlineData(160, 121)]
    [InlineData(0, 120)]
    public void OddOrEmptySize_RefusedClearly(int width, int height)
    {
        long before = SafeOpenH264Handle.LiveCount;
        var error = Assert.Throws<ArgumentException>(() => new H264Encoder(width, height, 300));
        Assert.Contains("even", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, SafeOpenH264Handle.LiveCount);
    }

    [Fact]
    public void Dispose_ReleasesEveryOpenH264Object()
    {
        long before = SafeOpenH264Handle.LiveCount;
        var encoder = new H264Encoder(64, 64, 200);
        var decoder = new H264Decoder();
        Assert.Equal(before + 2, SafeOpenH264Handle.LiveCount);

        encoder.Dispose();
        decoder.Dispose();
        decoder.Dispose();

        Assert.Equal(before, SafeOpenH264Handle.LiveCount);
        Assert.Throws<ObjectDisposedException>(() => decoder.Decode([0, 0, 0, 1, 0x65], out _));
    }

    [Fact]
    public void Library_IsOpenH264Version2()
    {
        Assert.StartsWith("2.", OpenH264.Version(), StringComparison.Ordinal);
    }

    /// <summary>nal_unit_type of every unit of an Annex B access unit.</summary>
    internal static List<int> NalTypes(byte[] accessUnit)
    {
        var types = new List<int>();
        for (int i = 0; i + 3 < accessUnit.Length; i++)
        {
            if (accessUnit[i] == 0 && accessUnit[i + 1] == 0 && accessUnit[i + 2] == 1)
            {
                types.Add(accessUnit[i + 3] & 0x1F);
                i += 3;
            }
        }

        return types;
    }
}
