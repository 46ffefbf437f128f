using System.Runtime.InteropServices;
using PortraitStream.Inference.Triplanes;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// Packs a frame's triplanes and decoder into the layouts Shaders/params.glsl reads, straight into mapped upload
/// memory (no intermediate arrays). Channels are zero-padded to a multiple of 4 so that the shader reads four per
/// load; a zero feature times a zero weight adds nothing, so padding never changes the result.
/// Triplanes go from the encoder's NCHW to channel-last [plane][v][u][C'], so a bilinear tap reads C' contiguous
/// values — float32, or IEEE half (unpackHalf2x16's layout: the lower channel in the low 16 bits).
/// Decoder: W1 [H][C'] (padded rows); per hidden unit o the four weights W2[0..3][o] into σ, r, g, b (one vec4
/// load in the shader); b2[0..3]; b1 [H].
/// </summary>
internal static class DeviceScene
{
    /// <summary>Outputs the shader reads: density and RGB (the rest feed a super-resolution net, not rendered).</summary>
    public const int UsedOutputs = 4;

    /// <summary>Channels as stored on the device: C rounded up to a multiple of 4.</summary>
    public static int PaddedChannels(int channels) => (channels + 3) & ~3;

    public static ulong PlaneBytes(TriplaneLayout layout, bool fp16) =>
        (ulong)layout.Planes * (ulong)layout.Resolution * (ulong)layout.Resolution * (ulong)PaddedChannels(layout.Channels) * (fp16 ? 2ul : 4ul);

    public static ulong DecoderBytes(DecoderWeights decoder) =>
        (ulong)(decoder.Hidden * PaddedChannels(decoder.Inputs) + UsedOutputs * decoder.Hidden + UsedOutputs + decoder.Hidden) * sizeof(float);

    public static void WritePlanes(Triplanes planes, Span<byte> destination, bool fp16)
    {
        if (fp16)
        {
            Transpose<Half, ToHalf>(planes, MemoryMarshal.Cast<byte, Half>(destination));
        }
        else
        {
            Transpose<float, ToSingle>(planes, MemoryMarshal.Cast<byte, float>(destination));
        }
    }

    public static void WriteDecoder(DecoderWeights decoder, Span<byte> destination)
    {
        var floats = MemoryMarshal.Cast<byte, float>(destination);
        int padded = PaddedChannels(decoder.Inputs);
        for (int row = 0; row < decoder.Hidden; row++)
        {
            var target = floats.Slice(row * padded, padded);
            decoder.W1.AsSpan(row * decoder.Inputs, decoder.Inputs).CopyTo(target);
            target[decoder.Inputs..].Clear();
        }
        floats = floats[(decoder.Hidden * padded)..];
        for (int unit = 0; unit < decoder.Hidden; unit++)
        {
            for (int output = 0; output < UsedOutputs; output++)
            {
                floats[unit * UsedOutputs + output] = decoder.W2[output * decoder.Hidden + unit];
            }
        }
        floats = floats[(UsedOutputs * decoder.Hidden)..];
        decoder.B2.AsSpan(0, UsedOutputs).CopyTo(floats);
        decoder.B1.CopyTo(floats[UsedOutputs..]);
    }

    private static void Transpose<T, TConvert>(Triplanes planes, Span<T> destination)
        where T : unmanaged
        where TConvert : IConvert<T>
    {
        var layout = planes.Layout;
        int texels = layout.Resolution * layout.Resolution;
        int channels = layout.Channels;
        int stride = PaddedChannels(channels);
        for (int plane = 0; plane < layout.Planes; plane++)
        {
            var target = destination.Slice(plane * texels * stride, texels * stride);
            for (int channel = 0; channel < channels; channel++)
            {
                ReadOnlySpan<float> source = planes.Channel(plane, channel);
                for (int texel = 0; texel < source.Length; texel++)
                {
                    target[texel * stride + channel] = TConvert.From(source[texel]);
                }
            }
            for (int channel = channels; channel < stride; channel++)
            {
                for (int texel = 0; texel < texels; texel++)
                {
                    target[texel * stride + channel] = default;
                }
            }
        }
    }

    /// <summary>Element conversion as a static interface member, so the generic transpose inlines it per texel.</summary>
    private interface IConvert<T>
    {
        static abstract T From(float value);
    }

    private readonly struct ToSingle : IConvert<float>
    {
        public static float From(float value) => value;
    }

    private readonly struct ToHalf : IConvert<Half>
    {
        public static Half From(float value) => (Half)value;
    }
}
