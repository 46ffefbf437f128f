using System.Runtime.InteropServices;
using PortraitStream.Inference.Triplanes;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// Packs a frame's triplanes and decoder into the layouts Shaders/params.glsl reads, straight into mapped upload
/// memory (no intermediate arrays). Triplanes go from the encoder's NCHW to channel-last [plane][v][u][C], so a
/// bilinear tap reads C contiguous values — as float32 bits, or as IEEE half pairs (unpackHalf2x16's layout: channel
/// 2i in the low 16 bits). Decoder: W1 [H][C], b1 [H], the first four rows of W2 (σ, r, g, b), b2[0..3].
/// </summary>
internal static class DeviceScene
{
    /// <summary>Outputs the shader reads: density and RGB (the rest feed a super-resolution net, not rendered).</summary>
    public const int UsedOutputs = 4;

    public static ulong PlaneBytes(TriplaneLayout layout, bool fp16) => (ulong)layout.Length * (fp16 ? 2ul : 4ul);

    public static ulong DecoderBytes(DecoderWeights decoder) =>
        (ulong)(decoder.W1.Length + decoder.Hidden + UsedOutputs * decoder.Hidden + UsedOutputs) * sizeof(float);

    public static void WritePlanes(Triplanes planes, Span<byte> destination, bool fp16)
    {
        var layout = planes.Layout;
        int texels = layout.Resolution * layout.Resolution;
        int channels = layout.Channels;
        if (fp16)
        {
            Transpose<Half, ToHalf>(planes, MemoryMarshal.Cast<byte, Half>(destination), texels, channels);
        }
        else
        {
            Transpose<float, ToSingle>(planes, MemoryMarshal.Cast<byte, float>(destination), texels, channels);
        }
    }

    public static void WriteDecoder(DecoderWeights decoder, Span<byte> destination)
    {
        var floats = MemoryMarshal.Cast<byte, float>(destination);
        floats = Put(floats, decoder.W1);
        floats = Put(floats, decoder.B1);
        floats = Put(floats, decoder.W2.AsSpan(0, UsedOutputs * decoder.Hidden));
        Put(floats, decoder.B2.AsSpan(0, UsedOutputs));
    }

    /// <summary>Copies values to the front of destination; returns what is left after them.</summary>
    private static Span<float> Put(Span<float> destination, ReadOnlySpan<float> values)
    {
        values.CopyTo(destination);
        return destination[values.Length..];
    }

    private static void Transpose<T, TConvert>(Triplanes planes, Span<T> destination, int texels, int channels)
        where T : unmanaged
        where TConvert : IConvert<T>
    {
        for (int plane = 0; plane < planes.Layout.Planes; plane++)
        {
            var target = destination.Slice(plane * texels * channels, texels * channels);
            for (int channel = 0; channel < channels; channel++)
            {
                ReadOnlySpan<float> source = planes.Channel(plane, channel);
                for (int texel = 0; texel < source.Length; texel++)
                {
                    target[texel * channels + channel] = TConvert.From(source[texel]);
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
