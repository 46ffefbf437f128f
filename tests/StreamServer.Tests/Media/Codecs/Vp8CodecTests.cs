using System.Buffers;
using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Tests.Media.Codecs;

public sealed class Vp8CodecTests
{
    private const int Width = 320;
    private const int Height = 240;
    private const int FrameTicks = Vp8Encoder.ClockRate / 30;

    [Theory]
    [InlineData(320, 240, 800, 34.0)]
    [InlineData(161, 97, 300, 32.0)] // odd sizes: chroma planes are rounded up
    public void EncodeDecode_PortraitSequence_KeepsPsnrAboveBound(int width, int height, int kbps, double minimumPsnr)
    {
        using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = width, Height = height, TargetBitrateKbps = kbps });
        using var decoder = new Vp8Decoder();
        var output = new ArrayBufferWriter<byte>();
        var psnrs = new List<double>();

        for (var i = 0; i < 30; i++)
        {
            using var source = SyntheticVideo.Frame(width, height, i);
            output.Clear();
            Assert.True(encoder.TryEncode(source, i * FrameTicks, output, out var info));
            Assert.Equal(output.WrittenCount, info.Length);
            Assert.Equal(i == 0, info.IsKeyframe);

            Assert.Equal(VideoDecodeStatus.Decoded, decoder.Decode(output.WrittenSpan, out var decoded));
            using (decoded)
            {
                Assert.Equal((width, height), (decoded!.Width, decoded.Height));
                psnrs.Add(SyntheticVideo.Psnr(source, decoded));
            }
        }

        Assert.True(psnrs.Min() > minimumPsnr, $"PSNR min {psnrs.Min():F1} dB, mean {psnrs.Average():F1} dB");
        Assert.Equal(30, decoder.FramesDecoded);
    }

    [Fact]
    public void RequestKeyframe_MakesTheNextFrameAKeyframe_AndOnlyThatOne()
    {
        using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = Width, Height = Height });
        var keyframes = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            if (i == 7)
            {
                encoder.RequestKeyframe();
            }
            if (Encode(encoder, i).IsKeyframe)
            {
                keyframes.Add(i);
            }
        }

        Assert.Equal([0, 7], keyframes);
    }

    [Fact]
    public void TargetBitrate_ChangedAtRunTime_ShrinksTheFrames()
    {
        using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = Width, Height = Height, TargetBitrateKbps = 2000 });
        // Materialised first: LINQ's Skip over Range.Select would skip the encoder calls themselves.
        var sizes = new List<int>();
        for (var i = 0; i < 80; i++)
        {
            if (i == 40)
            {
                encoder.TargetBitrateKbps = 150;
            }
            sizes.Add(Encode(encoder, i).Length);
        }
        var high = sizes[20..40].Average(); // settled at 2000 kbps
        var low = sizes[60..80].Average();  // settled at 150 kbps

        Assert.Equal(150, encoder.TargetBitrateKbps);
        Assert.True(low < high * 0.4, $"mean frame {high:F0} B at 2000 kbps, {low:F0} B at 150 kbps");
    }

    [Fact]
    public void Decoder_FollowsResolutionChangesAtKeyframes()
    {
        // Browsers scale their camera stream down and up with the available bandwidth; each change starts a keyframe.
        using var decoder = new Vp8Decoder();
        foreach (var (width, height) in new[] { (320, 240), (160, 120), (640, 360) })
        {
            using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = width, Height = height });
            for (var i = 0; i < 3; i++)
            {
                using var source = SyntheticVideo.Frame(width, height, i);
                var output = new ArrayBufferWriter<byte>();
                Assert.True(encoder.TryEncode(source, i * FrameTicks, output, out _));

                Assert.Equal(VideoDecodeStatus.Decoded, decoder.Decode(output.WrittenSpan, out var decoded));
                using (decoded)
                {
                    Assert.Equal((width, height), (decoded!.Width, decoded.Height));
                }
            }
        }
    }

    [Fact]
    public void TryEncode_FrameOfTheWrongSize_Throws()
    {
        using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = Width, Height = Height });
        using var frame = I420Frame.Rent(Width + 2, Height);

        Assert.Throws<ArgumentException>(() => encoder.TryEncode(frame, 0, new ArrayBufferWriter<byte>(), out _));
    }

    private static EncodedFrameInfo Encode(Vp8Encoder encoder, int index)
    {
        using var frame = SyntheticVideo.Frame(encoder.Width, encoder.Height, index);
        Assert.True(encoder.TryEncode(frame, index * FrameTicks, new ArrayBufferWriter<byte>(), out var info));
        return info;
    }
}
