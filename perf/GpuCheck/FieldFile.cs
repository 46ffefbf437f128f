using System.Text;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Perf;

/// <summary>
/// A rendered field on disk: the triplanes, the decoder and the rendering settings of a <see cref="RenderRequest"/>
/// (little-endian floats after a magic and the sizes). It carries the committed portrait's encoded field to a machine
/// that has the renderer but not the encoder (the GPU check, perf/GpuCheck).
/// </summary>
internal static class FieldFile
{
    private static readonly byte[] Magic = "PSFIELD1"u8.ToArray();

    public static void Write(string path, RenderRequest request)
    {
        using var writer = new BinaryWriter(File.Create(path), Encoding.UTF8);
        writer.Write(Magic);
        var layout = request.Triplanes.Layout;
        writer.Write(layout.Channels);
        writer.Write(layout.Resolution);
        writer.Write(layout.Planes);
        foreach (var axes in layout.Axes)
        {
            writer.Write((byte)axes.U);
            writer.Write((byte)axes.V);
        }
        Floats(writer, request.Triplanes.Data);
        var decoder = request.Decoder;
        writer.Write(decoder.Inputs);
        writer.Write(decoder.Hidden);
        writer.Write(decoder.Outputs);
        foreach (var values in new[] { decoder.W1, decoder.B1, decoder.W2, decoder.B2 })
        {
            Floats(writer, values);
        }
        var r = request.Rendering;
        Floats(writer, [r.BoxWarp, r.RayNear, r.RayFar, r.DensityBias, r.CameraRadius, r.LookAt.X, r.LookAt.Y, r.LookAt.Z, r.FocalLength]);
        writer.Write(r.CoarseSamples);
        writer.Write(r.ImportanceSamples);
    }

    /// <summary>The field in <paramref name="path"/> as a request for <paramref name="view"/> at <paramref name="size"/>².</summary>
    /// <exception cref="InvalidDataException">Not a field file, or one cut short.</exception>
    public static RenderRequest Read(string path, CameraView view, int size)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException($"{path}: not a field file (written by `perf -- gpu-field`)");
        }
        try
        {
            int channels = reader.ReadInt32(), resolution = reader.ReadInt32(), planes = reader.ReadInt32();
            var axes = new PlaneAxes[planes];
            for (int i = 0; i < planes; i++)
            {
                axes[i] = new PlaneAxes((Axis)reader.ReadByte(), (Axis)reader.ReadByte());
            }
            var layout = new TriplaneLayout(channels, resolution, axes);
            var triplanes = new Triplanes(layout, Floats(reader, layout.Length));
            int inputs = reader.ReadInt32(), hidden = reader.ReadInt32(), outputs = reader.ReadInt32();
            var decoder = new DecoderWeights(inputs, hidden, outputs, Floats(reader, hidden * inputs), Floats(reader, hidden),
                Floats(reader, outputs * hidden), Floats(reader, outputs));
            var f = Floats(reader, 9);
            var rendering = new RenderingConfig
            {
                BoxWarp = f[0], RayNear = f[1], RayFar = f[2], DensityBias = f[3], CameraRadius = f[4],
                LookAt = (f[5], f[6], f[7]), FocalLength = f[8],
                CoarseSamples = reader.ReadInt32(), ImportanceSamples = reader.ReadInt32(),
            };
            return new RenderRequest(triplanes, decoder, rendering, view, size, size);
        }
        catch (EndOfStreamException)
        {
            throw new InvalidDataException($"{path}: field file cut short");
        }
    }

    private static void Floats(BinaryWriter writer, float[] values)
    {
        writer.Write(values.Length);
        foreach (float value in values)
        {
            writer.Write(value);
        }
    }

    private static float[] Floats(BinaryReader reader, int expected)
    {
        int count = reader.ReadInt32();
        if (count != expected)
        {
            throw new InvalidDataException($"field file: {count} floats where the sizes before it need {expected}");
        }
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = reader.ReadSingle();
        }
        return values;
    }
}
