using System.Buffers;
using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Tests.Media.Codecs;

/// <summary>Frames from the network may be anything: the decoder reports failure, never throws, and keeps working.</summary>
public sealed class Vp8DecoderHostileInputTests
{
    private const int Width = 192;
    private const int Height = 144;

    public static TheoryData<string> BadFrames => new() { "empty", "random", "truncated keyframe", "interframe before any keyframe", "oversized keyframe", "keyframe start code broken" };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public void BadFrame_FailsWithAReason_ThenTheNextKeyframeDecodes(string kind)
    {
        var (keyframe, interframe) = EncodeTwoFrames();
        using var decoder = new Vp8Decoder(maxWidth: 1280, maxHeight: 720);
        var bad = kind switch
        {
            "empty" => [],
            "random" => RandomBytes(700, seed: 7741),
            "truncated keyframe" => keyframe[..(keyframe.Length / 3)],
            "interframe before any keyframe" => interframe,
            "oversized keyframe" => WithKeyframeSize(keyframe, 4000, 3000),
            "keyframe start code broken" => WithByte(keyframe, 3, 0x00),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        Assert.Equal(VideoDecodeStatus.Failed, decoder.Decode(bad, out var nothing));
        Assert.Null(nothing);
        Assert.Equal(1, decoder.FramesFailed);
        Assert.False(string.IsNullOrEmpty(decoder.LastError));

        DecoderMutations.AssertDecodesAgain(decoder, keyframe, interframe, Width, Height);
    }

    [Fact]
    public void Fuzz_MutatedFrames_NeverThrow_AndTheDecoderRecovers()
    {
        var (keyframe, interframe) = EncodeTwoFrames();
        using var decoder = new Vp8Decoder();
        DecoderMutations.Feed(decoder, keyframe, interframe, seed: 6386);

        Assert.Equal(VideoDecodeStatus.Decoded, decoder.Decode(keyframe, out var recovered));
        recovered!.Dispose();
    }

    private static (byte[] Keyframe, byte[] Interframe) EncodeTwoFrames()
    {
        using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = Width, Height = Height, TargetBitrateKbps = 600 });
        var frames = new byte[2][];
        for (var i = 0; i < 2; i++)
        {
            using var source = SyntheticVideo.Frame(Width, Height, i);
            var output = new ArrayBufferWriter<byte>();
            Assert.True(encoder.TryEncode(source, i * 3000, output, out _));
            frames[i] = output.WrittenSpan.ToArray();
        }
        return (frames[0], frames[1]);
    }

    /// <summary>Rewrites the 14-bit width and height of a keyframe header (RFC 6386 §9.1, bytes 6..9).</summary>
    private static byte[] WithKeyframeSize(byte[] keyframe, int width, int height)
    {
        var copy = (byte[])keyframe.Clone();
        copy[6] = (byte)width;
        copy[7] = (byte)(width >> 8);
        copy[8] = (byte)height;
        copy[9] = (byte)(height >> 8);
        return copy;
    }

    private static byte[] WithByte(byte[] frame, int index, byte value)
    {
        var copy = (byte[])frame.Clone();
        copy[index] = value;
        return copy;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] |= 1; // an interframe tag, so the decoder gets past the header checks into the data
        return bytes;
    }
}
