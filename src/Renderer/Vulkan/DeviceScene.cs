using System.Runtime.InteropServices;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// What a frame's triplanes and decoder occupy on the device, and the host's part of getting them there. Planes go up
/// as the encoder wrote them (NCHW floats, one memcpy); Shaders/pack.comp turns them into the render kernel's
/// channel-last [plane][v][u][C'] on the device, C' = C rounded up to 4 with zeros, so that the kernel reads four
/// channels per load (a zero feature times a zero weight adds nothing). The decoder is small and packed here, straight
/// into mapped memory: W1 [H][C'] (padded rows); per hidden unit o the four weights W2[0..3][o] into σ, r, g, b (one
/// vec4 load in the shader); b2[0..3]; b1 [H].
/// </summary>
internal static class DeviceScene
{
    /// <summary>Outputs the shader reads: density and RGB (the rest feed a super-resolution net, not rendered).</summary>
    public const int UsedOutputs = 4;

    /// <summary>Channels as stored on the device: C rounded up to a multiple of 4.</summary>
    public static int PaddedChannels(int channels) => (channels + 3) & ~3;

    /// <summary>Bytes of the encoder's NCHW float planes, as uploaded.</summary>
    public static ulong SourceBytes(TriplaneLayout layout) => (ulong)layout.Length * sizeof(float);

    /// <summary>Bytes of the repacked, padded planes the render kernel reads.</summary>
    public static ulong PlaneBytes(TriplaneLayout layout, bool fp16) =>
        (ulong)layout.Planes * (ulong)layout.Resolution * (ulong)layout.Resolution * (ulong)PaddedChannels(layout.Channels) * (fp16 ? 2ul : 4ul);

    public static ulong DecoderBytes(DecoderWeights decoder) =>
        (ulong)(decoder.Hidden * PaddedChannels(decoder.Inputs) + UsedOutputs * decoder.Hidden + UsedOutputs + decoder.Hidden) * sizeof(float);

    public static void WritePlanes(Triplanes planes, Span<byte> destination) =>
        planes.Data.AsSpan().CopyTo(MemoryMarshal.Cast<byte, float>(destination));

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
}
