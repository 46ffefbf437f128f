using System.Buffers.Binary;
using System.Text.Json.Nodes;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Inference.Tests.Bundles;

/// <summary>docs/model-bundle.md: a bundle that breaks the contract is refused with one message naming the file and field.</summary>
public class ModelBundleContractTests
{
    private const string Remove = "<remove>";

    [Fact]
    public void ValidBundle_Loads()
    {
        using var bundle = ModelBundle.Load(TestBundles.AsBundle(TestBundles.Files()), TestData.Sessions);
        Assert.Equal(ReliefBundle.Name, bundle.Manifest.Name);
        Assert.False(bundle.Manifest.Trained);
        Assert.Equal((4, 32, 3), (bundle.Layout.Channels, bundle.Layout.Resolution, bundle.Layout.Planes));
        Assert.Equal(bundle.Layout.Channels, bundle.Decoder.Inputs);
    }

    [Fact]
    public void ValidBundle_LoadsFromFolder()
    {
        var folder = Directory.CreateTempSubdirectory("bundle-").FullName;
        try
        {
            ReliefBundle.WriteTo(folder, TestBundles.Small);
            using var bundle = ModelBundle.Load(folder, TestData.Sessions);
            Assert.Equal(folder, bundle.Label);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Relief asks for stretch smoothing; a manifest without the field (EG3D's models, bundles written before it) does not.</summary>
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData(Remove, false)]
    public void SmoothStretch_IsReadAndOffWhenAbsent(string value, bool expected)
    {
        using var bundle = ModelBundle.Load(TestBundles.WithManifest(json => TestBundles.Set(json, "rendering.smoothStretch", value == Remove ? null : JsonNode.Parse(value))), TestData.Sessions);
        Assert.Equal(expected, bundle.Rendering.SmoothStretch);
        using var relief = ModelBundle.Load(TestBundles.AsBundle(TestBundles.Files()), TestData.Sessions);
        Assert.True(relief.Rendering.SmoothStretch);
    }

    /// <summary>
    /// A model declares the views it is meant to be seen from; one that declares none (EG3D's, bundles written before the
    /// field) may be seen from any. The built-in reliefs declare theirs (v1 ±30° / ±15°, v2 ±45° / ±25°).
    /// </summary>
    [Theory]
    [InlineData(null, 30f, 15f)]
    [InlineData("{\"yaw\": 60, \"pitch\": 20.5}", 60f, 20.5f)]
    [InlineData(Remove, ViewRange.MaxYawLimit, CameraView.MaxAbsPitchDegrees)]
    public void ViewRange_IsReadAndUnlimitedWhenAbsent(string? value, float yaw, float pitch)
    {
        using var bundle = ModelBundle.Load(value is null
            ? TestBundles.AsBundle(TestBundles.Files())
            : TestBundles.WithManifest(json => TestBundles.Set(json, "rendering.viewRange", value == Remove ? null : JsonNode.Parse(value))), TestData.Sessions);
        Assert.Equal(new ViewRange(yaw, pitch), bundle.Rendering.ViewRange);
        using var v2 = ModelBundle.Load(ReliefV2Bundle.Default, TestData.Sessions);
        Assert.Equal(new ViewRange(45, 25), v2.Rendering.ViewRange);
    }

    [Theory]
    [InlineData("version", "2", "model.json: version must be 1")]
    [InlineData("format", "\"eg3d\"", "model.json: format must be \"portrait-stream.model\"")]
    [InlineData("trained", Remove, "model.json: trained is missing")]
    [InlineData("triplanes.resolution", "0", "model.json: triplanes.resolution must be an integer in [2, 2048]")]
    [InlineData("triplanes.planes", "4", "model.json: triplanes.planes must be an integer in [3, 3]")]
    [InlineData("triplanes.dtype", "\"float16\"", "model.json: triplanes.dtype must be \"float32\"")]
    [InlineData("triplanes.axes", "[\"xy\", \"xx\", \"zx\"]", "model.json: triplanes.axes[1] must be two different axes")]
    [InlineData("encoder.image.layout", "\"NHWC\"", "model.json: encoder.image.layout must be \"NCHW\"")]
    [InlineData("encoder.image.std", "[1, 0, 1]", "model.json: encoder.image.std[1] must be a number in")]
    [InlineData("encoder.file", "\"../encoder.onnx\"", "model.json: encoder.file must be a file name inside the bundle")]
    [InlineData("encoder.face.length", "10", "model.json: encoder.face.length must be 12 for kind \"keypoints6\"")]
    [InlineData("encoder.face.kind", "\"mesh468\"", "model.json: encoder.face.length must be 1404 for kind \"mesh468\", got 12")]
    [InlineData("encoder.face.kind", "\"landmarks\"", "model.json: encoder.face.kind must be \"keypoints6\" or \"mesh468\"")]
    [InlineData("encoder.matte", "{\"name\": \"image\"}", "model.json: encoder.matte.name must differ from the image and face inputs' names")]
    [InlineData("encoder.surround", "{\"name\": \"face\", \"span\": 2}", "model.json: encoder.surround.name must differ from the image, face and matte inputs' names")]
    [InlineData("encoder.surround", "{\"name\": \"surround\", \"span\": 1}", "model.json: encoder.surround.span must be a number in [1.5, 8]")]
    [InlineData("encoder.surround", "{\"name\": \"surround\"}", "model.json: encoder.surround.span is missing")]
    [InlineData("decoder.activation", "\"relu\"", "model.json: decoder.activation must be \"softplus\"")]
    [InlineData("rendering.rayFar", "2", "model.json: rendering.rayFar must be greater than rendering.rayNear")]
    [InlineData("rendering.lookAt", "[0, 0]", "model.json: rendering.lookAt must be an array of 3 numbers")]
    [InlineData("rendering.smoothStretch", "\"yes\"", "model.json: rendering.smoothStretch must be true or false")]
    [InlineData("rendering.viewRange", "45", "model.json: rendering.viewRange must be an object")]
    [InlineData("rendering.viewRange.yaw", "0", "model.json: rendering.viewRange.yaw must be a number in [1, 180], got 0")]
    [InlineData("rendering.viewRange.pitch", "90", "model.json: rendering.viewRange.pitch must be a number in [1, 89], got 90")]
    [InlineData("rendering.viewRange.pitch", Remove, "model.json: rendering.viewRange.pitch is missing")]
    public void ManifestField_OutOfContract_IsRefusedNamingTheField(string path, string value, string expected)
    {
        var bundle = TestBundles.WithManifest(json => TestBundles.Set(json, path, value == Remove ? null : JsonNode.Parse(value)));
        AssertRefused(bundle, expected);
    }

    [Theory]
    [InlineData("triplanes.resolution", "64", "encoder.onnx: output \"triplanes\" has shape [1, 3, 4, 32, 32], model.json declares [1, 3, 4, 64, 64]")]
    [InlineData("triplanes.output", "\"planes\"", "encoder.onnx: has no output \"planes\" (model.json triplanes.output)")]
    [InlineData("encoder.image.size", "64", "encoder.onnx: input \"image\" has shape [1, 3, 32, 32], model.json declares [1, 3, 64, 64]")]
    [InlineData("encoder.image.name", "\"rgb\"", "encoder.onnx: input \"image\" is not declared in model.json")]
    [InlineData("encoder.face", Remove, "encoder.onnx: input \"face\" is not declared in model.json")]
    [InlineData("encoder.matte", "{\"name\": \"matte\"}", "encoder.onnx: has no input \"matte\" that model.json declares")]
    [InlineData("encoder.surround", "{\"name\": \"surround\", \"span\": 2}", "encoder.onnx: has no input \"surround\" that model.json declares")]
    [InlineData("decoder.hidden", "8", "decoder.bin: sizes (inputs, hidden, outputs) = (4, 4, 4) disagree with model.json's")]
    [InlineData("triplanes.channels", "8", "decoder.bin: sizes (inputs, hidden, outputs) = (4, 4, 4) disagree with model.json's")]
    public void ManifestDisagreeingWithItsFiles_IsRefusedNamingTheFile(string path, string value, string expected)
    {
        var bundle = TestBundles.WithManifest(json => TestBundles.Set(json, path, value == Remove ? null : JsonNode.Parse(value)));
        AssertRefused(bundle, expected);
    }

    [Fact]
    public void EncoderWhoseOutputShapeDisagrees_IsRefused()
    {
        var files = TestBundles.Files();
        files[ReliefBundle.EncoderFile] = ReliefBundle.Generate(TestBundles.Small with { Resolution = 16 })[ReliefBundle.EncoderFile];
        AssertRefused(TestBundles.AsBundle(files), "encoder.onnx: output \"triplanes\" has shape [1, 3, 4, 16, 16], model.json declares [1, 3, 4, 32, 32]");
    }

    [Theory]
    [InlineData(ModelManifest.FileName, "model.json: file not found in model bundle test")]
    [InlineData(ReliefBundle.EncoderFile, "encoder.onnx: file not found in model bundle test")]
    [InlineData(ReliefBundle.DecoderFile, "decoder.bin: file not found in model bundle test")]
    public void MissingFile_IsRefusedNamingIt(string file, string expected)
    {
        var files = TestBundles.Files();
        files.Remove(file);
        AssertRefused(TestBundles.AsBundle(files), expected);
    }

    [Fact]
    public void DeclaredSuperResolutionModel_MustExist() =>
        AssertRefused(TestBundles.WithManifest(json => json["superres"] = new JsonObject { ["file"] = "superres.onnx" }),
            "superres.onnx: file not found in model bundle test");

    [Fact]
    public void MissingFolder_IsRefusedNamingIt() =>
        Assert.Equal("/nonexistent/bundle: model bundle folder not found",
            Assert.Throws<ModelBundleException>(() => ModelBundle.Load("/nonexistent/bundle", TestData.Sessions)).Message);

    public static TheoryData<string, Func<byte[], byte[]>, string> BrokenFiles => new()
    {
        { ModelManifest.FileName, _ => "{ \"version\": "u8.ToArray(), "model.json: not valid JSON" },
        { ModelManifest.FileName, _ => "[1, 2]"u8.ToArray(), "model.json: the top level must be a JSON object" },
        // Regression (found by perf -- fuzz): a byte that is not UTF-8 inside a string value threw InvalidOperationException.
        { ModelManifest.FileName, InvalidUtf8InFormatValue, "model.json: not valid UTF-8" },
        { ReliefBundle.EncoderFile, _ => "not a protobuf"u8.ToArray(), "encoder.onnx: not a loadable ONNX model" },
        { ReliefBundle.DecoderFile, bytes => bytes[..^4], "decoder.bin: is 176 bytes, sizes (4, 4, 4) need 180" },
        { ReliefBundle.DecoderFile, bytes => [.. "XXXX"u8, .. bytes[4..]], "decoder.bin: not a decoder weights file" },
        { ReliefBundle.DecoderFile, bytes => WithFloat(bytes, 40, float.NaN), "decoder.bin: weight 5 is not finite" },
        { ReliefBundle.DecoderFile, bytes => WithUInt(bytes, 4, 2), "decoder.bin: format version must be 1, got 2" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void CorruptFile_IsRefusedNamingIt(string file, Func<byte[], byte[]> corrupt, string expected)
    {
        var files = TestBundles.Files();
        files[file] = corrupt(files[file]);
        AssertRefused(TestBundles.AsBundle(files), expected);
    }

    private static void AssertRefused(BundleFiles files, string expectedStart)
    {
        var error = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(files, TestData.Sessions).Dispose());
        Assert.StartsWith(expectedStart, error.Message, StringComparison.Ordinal);
    }

    private static byte[] InvalidUtf8InFormatValue(byte[] json)
    {
        var copy = json.ToArray();
        copy[copy.AsSpan().IndexOf("\"portrait-stream"u8) + 5] = 0x99; // a continuation byte with no lead byte
        return copy;
    }

    private static byte[] WithFloat(byte[] bytes, int offset, float value)
    {
        var copy = bytes.ToArray();
        BinaryPrimitives.WriteSingleLittleEndian(copy.AsSpan(offset), value);
        return copy;
    }

    private static byte[] WithUInt(byte[] bytes, int offset, uint value)
    {
        var copy = bytes.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }
}
