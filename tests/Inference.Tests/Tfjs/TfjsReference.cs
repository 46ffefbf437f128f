using System.Text.Json;
using PortraitStream.Inference.Imaging;

namespace PortraitStream.Inference.Tests.Tfjs;

/// <summary>
/// One reference case written by tools/tfjs-reference/reference.js: the original TF.js model run by TF.js's CPU backend
/// on a whole-pixel crop of the committed portrait, scaled to [0, 1]. Subsampled outputs keep every k-th pixel of a
/// one-channel NHWC map, starting at k/2.
/// </summary>
internal sealed record TfjsReference(string Model, int X, int Y, int Size, int Subsample, IReadOnlyDictionary<string, float[]> Outputs)
{
    public static TfjsReference Read(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestData.Path($"tfjs-reference/{name}.json")));
        var root = document.RootElement;
        var crop = root.GetProperty("crop");
        var outputs = root.GetProperty("outputs").EnumerateObject().ToDictionary(
            o => o.Name, o => o.Value.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray());
        return new TfjsReference(root.GetProperty("model").GetString()!, crop.GetProperty("x").GetInt32(), crop.GetProperty("y").GetInt32(),
            crop.GetProperty("size").GetInt32(), root.TryGetProperty("subsample", out var k) ? k.GetInt32() : 1, outputs);
    }

    /// <summary>The model's input: the crop of <paramref name="image"/>, NHWC, RGB in [0, 1].</summary>
    public float[] Input(RgbImage image)
    {
        var input = new float[Size * Size * 3];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size * 3; x++)
            {
                input[y * Size * 3 + x] = image.Pixels[(Y + y) * image.Width * 3 + X * 3 + x] / 255f;
            }
        }
        return input;
    }

    /// <summary>A full one-channel map subsampled as the reference was.</summary>
    public float[] Subsampled(ReadOnlySpan<float> map, int width, int height)
    {
        var picked = new List<float>();
        for (var y = Subsample / 2; y < height; y += Subsample)
        {
            for (var x = Subsample / 2; x < width; x += Subsample)
            {
                picked.Add(map[y * width + x]);
            }
        }
        return [.. picked];
    }
}
