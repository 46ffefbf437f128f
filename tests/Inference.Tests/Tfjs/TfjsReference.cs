using System.Text.Json;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Tfjs;

/// <summary>
/// One reference case written by tools/tfjs-reference/reference.js: the original TF.js model run by TF.js's CPU backend
/// on a whole-pixel crop of the committed portrait, scaled to [0, 1], or, for input "caffe-bgr", in Keras' caffe
/// preprocessing (BGR, ImageNet channel means subtracted), or, for "rgb-255", RGB 0…255 as they are. Subsampled outputs
/// keep every k-th pixel of a one-channel NHWC map, starting at k/2.
/// </summary>
internal sealed record TfjsReference(string Model, int X, int Y, int Size, int Subsample, string Normalisation, IReadOnlyDictionary<string, float[]> Outputs)
{
    /// <summary>Keras' imagenet_utils.preprocess_input, mode "caffe": the means of ImageNet's B, G, R channels.</summary>
    private static readonly float[] CaffeMeans = [103.939f, 116.779f, 123.68f];

    public static TfjsReference Read(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestData.Path($"tfjs-reference/{name}.json")));
        var root = document.RootElement;
        var crop = root.GetProperty("crop");
        var outputs = root.GetProperty("outputs").EnumerateObject().ToDictionary(
            o => o.Name, o => o.Value.GetProperty("values").EnumerateArray().Select(v => v.GetSingle()).ToArray());
        return new TfjsReference(root.GetProperty("model").GetString()!, crop.GetProperty("x").GetInt32(), crop.GetProperty("y").GetInt32(),
            crop.GetProperty("size").GetInt32(), root.TryGetProperty("subsample", out var k) ? k.GetInt32() : 1,
            root.TryGetProperty("input", out var input) ? input.GetString()! : "unit", outputs);
    }

    /// <summary>The model's input: the crop of <paramref name="image"/>, NHWC, as the reference normalised it.</summary>
    public float[] Input(RgbImage image)
    {
        var (bgr, raw) = (Normalisation == "caffe-bgr", Normalisation == "rgb-255");
        var input = new float[Size * Size * 3];
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var pixel = ((Y + y) * image.Width + X + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    input[(y * Size + x) * 3 + c] = bgr ? image.Pixels[pixel + 2 - c] - CaffeMeans[c] : raw ? image.Pixels[pixel + c] : image.Pixels[pixel + c] / 255f;
                }
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
