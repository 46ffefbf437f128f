using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Tests.Media.Codecs;

/// <summary>What the decoder hostile-input tests share: real frames with bytes flipped and tails cut, fed to a decoder.</summary>
internal static class DecoderMutations
{
    /// <summary>Feeds 400 mutations of <paramref name="keyframe"/> and <paramref name="interframe"/>; every call must return a defined status.</summary>
    public static void Feed(VideoDecoder decoder, byte[] keyframe, byte[] interframe, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 400; i++)
        {
            var original = random.Next(2) == 0 ? keyframe : interframe;
            var mutated = (byte[])original.Clone();
            for (var flips = random.Next(1, 10); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] ^= (byte)random.Next(1, 256);
            }

            var status = decoder.Decode(random.Next(4) == 0 ? mutated[..random.Next(mutated.Length)] : mutated, out var picture);
            picture?.Dispose();
            Assert.True(Enum.IsDefined(status));
        }
    }

    /// <summary>
    /// After bad input the decoder is whole again: <paramref name="keyframe"/> decodes to the synthetic frame it was
    /// encoded from (PSNR over 30 dB) and <paramref name="next"/>, the frame after it, decodes too.
    /// </summary>
    public static void AssertDecodesAgain(VideoDecoder decoder, byte[] keyframe, byte[] next, int width, int height)
    {
        Assert.Equal(VideoDecodeStatus.Decoded, decoder.Decode(keyframe, out var picture));
        using (picture)
        using (var source = SyntheticVideo.Frame(width, height, 0))
        {
            Assert.True(SyntheticVideo.Psnr(source, picture!) > 30);
        }

        Assert.Equal(VideoDecodeStatus.Decoded, decoder.Decode(next, out var following));
        following!.Dispose();
    }
}
