using System.Buffers;
using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Tests.Media.Codecs;

/// <summary>Access units from the network may be anything: the decoder reports failure, never throws, and keeps working.</summary>
public sealed class H264DecoderHostileInputTests
{
    private const int Width = 192;
    private const int Height = 144;

    public static TheoryData<string> BadFrames => new()
    {
        "empty", "random", "no start code", "truncated IDR", "delta before any IDR", "SPS all ones", "SPS cut short",
        "picture over the size limit",
    };

    [Theory]
    [MemberData(nameof(BadFrames))]
    public void BadAccessUnit_FailsWithAReason_ThenTheNextKeyFrameDecodes(string kind)
    {
        var (keyframe, delta) = EncodeTwoFrames();
        using var decoder = new H264Decoder(maxWidth: kind == "picture over the size limit" ? Width - 2 : 1280, maxHeight: 720);
        var bad = kind switch
        {
            "empty" => [],
            "random" => RandomBytes(700, seed: 6184),
            "no start code" => keyframe[4..],
            "truncated IDR" => keyframe[..(keyframe.Length / 3)],
            "delta before any IDR" => delta,
            "SPS all ones" => WithSps(keyframe, sps => sps.AsSpan(1).Fill(0xFF)),
            "SPS cut short" => CutSps(keyframe),
            "picture over the size limit" => keyframe,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var status = decoder.Decode(bad, out var nothing);
        // OpenH264 may hold back a broken unit without a picture instead of failing; it must never show one.
        Assert.NotEqual(VideoDecodeStatus.Decoded, status);
        Assert.Null(nothing);
        if (status == VideoDecodeStatus.Failed)
        {
            Assert.False(string.IsNullOrEmpty(decoder.LastError));
        }

        if (kind == "picture over the size limit")
        {
            return;
        }

        DecoderMutations.AssertDecodesAgain(decoder, keyframe, delta, Width, Height);
    }

    [Fact]
    public void Fuzz_MutatedAccessUnits_NeverThrow_AndTheDecoderRecovers()
    {
        var (keyframe, delta) = EncodeTwoFrames();
        using var decoder = new H264Decoder();
        DecoderMutations.Feed(decoder, keyframe, delta, seed: 6184);

        Assert.Equal(VideoDecodeStatus.Decoded, decoder.Decode(keyframe, out var recovered));
        recovered!.Dispose();
    }

    private static (byte[] Keyframe, byte[] Delta) EncodeTwoFrames()
    {
        using var encoder = new H264Encoder(Width, Height, 600);
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

    /// <summary>The key frame with its SPS (the first unit, after a four-byte start code) changed in place.</summary>
    private static byte[] WithSps(byte[] keyframe, Action<byte[]> change)
    {
        int end = keyframe.AsSpan(4).IndexOf((ReadOnlySpan<byte>)[0, 0, 0, 1]) + 4;
        var sps = keyframe[4..end];
        change(sps);
        return [.. keyframe[..4], .. sps, .. keyframe[end..]];
    }

    /// <summary>The key frame with its SPS cut to its first three bytes (profile, constraints, level: no id, no size).</summary>
    private static byte[] CutSps(byte[] keyframe)
    {
        int end = keyframe.AsSpan(4).IndexOf((ReadOnlySpan<byte>)[0, 0, 0, 1]) + 4;
        return [.. keyframe[..4], .. keyframe[4..8], .. keyframe[end..]];
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0; bytes[1] = 0; bytes[2] = 0; bytes[3] = 1; bytes[4] = 0x41; // a non-IDR slice header, so it gets past the start
        return bytes;
    }
}
