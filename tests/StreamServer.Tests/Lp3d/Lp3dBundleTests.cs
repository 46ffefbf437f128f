using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.Lp3d;

/// <summary>The exported LP3D bundle against the C# contract, and ONNX Runtime against PyTorch on the same crop.</summary>
[Collection(Lp3dSuite.Name)]
public sealed class Lp3dBundleTests(Lp3dTinyBundle tiny, ITestOutputHelper output) : IDisposable
{
    private static readonly OnnxSessionFactory Sessions = new(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
    private readonly string _dir = Directory.CreateTempSubdirectory("lp3d-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Export_DeclaresEg3dConventions()
    {
        using var bundle = ModelBundle.Load(tiny.BundleDirectory, Sessions);
        var manifest = bundle.Manifest;
        Assert.Equal("lp3d-tiny", manifest.Name);
        Assert.False(manifest.Trained);
        Assert.Equal((32, 32), (bundle.Layout.Channels, bundle.Layout.Resolution));
        Assert.Equal(PlaneAxes.Eg3d, bundle.Layout.Axes);
        Assert.Equal((32, 64, 33), (bundle.Decoder.Inputs, bundle.Decoder.Hidden, bundle.Decoder.Outputs));
        Assert.Equal(RenderingConfig.Eg3dFfhq, bundle.Rendering);
        Assert.Null(manifest.Encoder.Face);
        Assert.Equal(64, bundle.Encoder.InputSize);
        Assert.Contains("parameters", tiny.Log);
    }

    [Fact]
    public void OnnxRuntime_MatchesPyTorch_OnTheReferenceCrop()
    {
        using var bundle = ModelBundle.Load(tiny.BundleDirectory, Sessions);
        var size = bundle.Encoder.InputSize;
        var crop = new RgbImage(size, size, File.ReadAllBytes(Path.Combine(tiny.ReferenceDirectory, "input.rgb")));
        var expected = ReadFloats(Path.Combine(tiny.ReferenceDirectory, "triplanes.f32"));

        var actual = bundle.Encoder.Encode(crop, []).Data;

        Assert.Equal(expected.Length, actual.Length);
        var maxDifference = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        output.WriteLine($"max |ONNX Runtime − PyTorch| = {maxDifference:E2} over {actual.Length} values, max |PyTorch| = {expected.Max(Math.Abs):F3}");
        Assert.True(maxDifference <= 1e-4f, $"max |ONNX Runtime − PyTorch| = {maxDifference}");
        // A random network still has to produce varied features, or the comparison proves little.
        Assert.True(TriplaneStatistics.Of(new Triplanes(bundle.Layout, actual)).Planes.All(p => p.StandardDeviation > 1e-3));
    }

    [Theory]
    [InlineData("encoder.image.size", 128, "encoder.onnx: input \"image\" has shape [1, 3, 64, 64], model.json declares [1, 3, 128, 128]")]
    [InlineData("triplanes.resolution", 16, "encoder.onnx: output \"triplanes\" has shape [1, 3, 32, 32, 32], model.json declares [1, 3, 32, 16, 16]")]
    public void ManifestDisagreeingWithTheGraph_IsRefused(string field, int value, string message)
    {
        var copy = tiny.CopyTo(_dir);
        var path = Path.Combine(copy, ModelManifest.FileName);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var parts = field.Split('.');
        parts[..^1].Aggregate(json, (node, part) => node[part]!.AsObject())[parts[^1]] = value;
        File.WriteAllText(path, json.ToJsonString());

        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(copy, Sessions));
        Assert.Equal(message, error.Message);
    }

    private static float[] ReadFloats(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var floats = new float[bytes.Length / sizeof(float)];
        Buffer.BlockCopy(bytes, 0, floats, 0, floats.Length * sizeof(float));
        return floats;
    }
}
