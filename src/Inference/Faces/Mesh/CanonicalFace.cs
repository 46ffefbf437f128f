using System.Numerics;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>
/// MediaPipe's canonical face: the 468 mesh vertices of a frontal, neutral face in centimetres (x toward the image's
/// right, i.e. the subject's left; y up; z toward the viewer; nose tip at z ≈ 7.5), and the weighted landmarks MediaPipe's
/// own face geometry pipeline fits by Procrustes (33 points on the rigid parts: forehead, nose bridge, eye corners,
/// cheekbones — not the lips or jaw). Read from geometry_pipeline_metadata_landmarks.binarypb (npm @mediapipe/face_mesh,
/// Apache-2.0): FaceGeometryPipelineMetadata { 1: canonical_mesh Mesh3d { 3: vertex_buffer, 5 floats per vertex:
/// x, y, z, u, v }, 2: procrustes_landmark_basis { 1: landmark_id, 2: weight } } (mediapipe/modules/face_geometry/protos).
/// </summary>
public sealed class CanonicalFace
{
    public const int VertexCount = 468;
    private const int FloatsPerVertex = 5;

    private CanonicalFace(Vector3[] vertices, (int Landmark, float Weight)[] basis) => (Vertices, ProcrustesBasis) = (vertices, basis);

    public IReadOnlyList<Vector3> Vertices { get; }

    public IReadOnlyList<(int Landmark, float Weight)> ProcrustesBasis { get; }

    /// <summary>Reads <paramref name="path"/>; a missing or malformed file is a <see cref="ModelLoadException"/> naming it.</summary>
    public static CanonicalFace Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelLoadException($"{path}: face geometry file not found");
        }
        try
        {
            return Parse(File.ReadAllBytes(path));
        }
        catch (InvalidDataException e)
        {
            throw new ModelLoadException($"{path}: not MediaPipe face geometry metadata ({e.Message})", e);
        }
    }

    private static CanonicalFace Parse(ReadOnlySpan<byte> data)
    {
        var floats = new List<float>();
        var basis = new List<(int, float)>();
        var reader = new ProtoReader(data);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 1 && wire == ProtoReader.LengthDelimited)
            {
                ReadMesh(reader.ReadBytes(), floats);
            }
            else if (field == 2 && wire == ProtoReader.LengthDelimited)
            {
                basis.Add(ReadBasis(reader.ReadBytes()));
            }
            else
            {
                reader.Skip(wire);
            }
        }
        if (floats.Count != VertexCount * FloatsPerVertex || basis.Count < 3 || basis.Any(b => b.Item1 is < 0 or >= VertexCount))
        {
            throw new InvalidDataException($"{floats.Count / FloatsPerVertex} vertices and {basis.Count} basis landmarks, expected {VertexCount} and ≥ 3");
        }
        var vertices = Enumerable.Range(0, VertexCount)
            .Select(i => new Vector3(floats[i * FloatsPerVertex], floats[i * FloatsPerVertex + 1], floats[i * FloatsPerVertex + 2])).ToArray();
        return new CanonicalFace(vertices, [.. basis]);
    }

    /// <summary>Mesh3d's vertex_buffer (field 3), unpacked or packed.</summary>
    private static void ReadMesh(ReadOnlySpan<byte> mesh, List<float> floats)
    {
        var reader = new ProtoReader(mesh);
        while (reader.TryReadTag(out var field, out var wire))
        {
            if (field == 3 && wire == ProtoReader.Fixed32)
            {
                floats.Add(reader.ReadFloat());
            }
            else if (field == 3 && wire == ProtoReader.LengthDelimited)
            {
                var packed = new ProtoReader(reader.ReadBytes());
                while (packed.TryPeekMore())
                {
                    floats.Add(packed.ReadFloat());
                }
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    private static (int, float) ReadBasis(ReadOnlySpan<byte> entry)
    {
        var (landmark, weight) = (0, 0f); // proto3 defaults: an absent landmark_id is 0
        var reader = new ProtoReader(entry);
        while (reader.TryReadTag(out var field, out var wire))
        {
            switch (field, wire)
            {
                case (1, ProtoReader.Varint): landmark = (int)reader.ReadVarint(); break;
                case (2, ProtoReader.Fixed32): weight = reader.ReadFloat(); break;
                default: reader.Skip(wire); break;
            }
        }
        return (landmark, weight);
    }
}
