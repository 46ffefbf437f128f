using System.Text.Json.Nodes;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Bundles;

/// <summary>
/// A bundle shaped like a learned export: the crop alone in ([−1, 1] normalisation, no face input), triplanes out.
/// Its encoder averages each 4 × 4 block of the normalised crop into every channel of an 8² plane, so the output
/// shows exactly what the runner fed it.
/// </summary>
public class ImageOnlyEncoderTests
{
    [Fact]
    public void ImageOnlyBundle_LoadsAndSeesTheNormalisedCrop()
    {
        var files = TestBundles.Files();
        files[ReliefBundle.EncoderFile] = BlockAverageEncoder();
        var json = JsonNode.Parse(files[ModelManifest.FileName])!.AsObject();
        json["trained"] = true;
        json["encoder"]!.AsObject().Remove("face");
        json["encoder"]!["image"]!["mean"] = new JsonArray(0.5, 0.5, 0.5);
        json["encoder"]!["image"]!["std"] = new JsonArray(0.5, 0.5, 0.5);
        json["triplanes"]!["resolution"] = 8;
        files[ModelManifest.FileName] = System.Text.Encoding.UTF8.GetBytes(json.ToJsonString());

        using var bundle = ModelBundle.Load(TestBundles.AsBundle(files), TestData.Sessions);
        Assert.Null(bundle.Encoder.FaceInput);
        var crop = new RgbImage(32, 32);
        for (var i = 0; i < crop.Pixels.Length; i += 3)
        {
            (crop.Pixels[i], crop.Pixels[i + 1], crop.Pixels[i + 2]) = (255, 0, 51);
        }
        var planes = bundle.Encoder.Encode(crop, []);

        // (v / 255 − 0.5) / 0.5 per channel: red 1, green −1, blue −0.6; plane i holds channel i of the crop.
        float[] expected = [1f, -1f, -0.6f];
        for (var plane = 0; plane < 3; plane++)
        {
            for (var channel = 0; channel < 4; channel++)
            {
                Assert.All(planes.Channel(plane, channel).ToArray(), v => Assert.Equal(expected[plane], v, 1e-5f));
            }
        }
    }

    /// <summary>image [1, 3, 32, 32] → 4 × 4 average pool [1, 3, 8, 8] → [1, 3, 4, 8, 8] (each plane's value in all 4 channels).</summary>
    private static byte[] BlockAverageEncoder()
    {
        var graph = new OnnxGraph();
        var image = graph.Input("image", 1, 3, 32, 32);
        var pooled = graph.Op("AveragePool", [image],
            new OnnxGraph.Attribute("kernel_shape", Ints: [4, 4]), new OnnxGraph.Attribute("strides", Ints: [4, 4]));
        var planes = graph.Op("Expand", [graph.Op("Reshape", [pooled, graph.Int64Tensor(1, 3, 1, 8, 8)]), graph.Int64Tensor(1, 3, 4, 8, 8)]);
        graph.Output("triplanes", planes, 1, 3, 4, 8, 8);
        return OnnxModelWriter.Write(graph, "block_average", "tests", "1");
    }
}
