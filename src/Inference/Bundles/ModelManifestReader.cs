using System.Text.Json;
using System.Text.Unicode;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// Parses model.json and checks every field against the contract (docs/model-bundle.md). Ranges are what the
/// renderer and the pipeline can honour, not what EG3D happens to use.
/// </summary>
public static class ModelManifestReader
{
    private const string File = ModelManifest.FileName;

    public static ModelManifest Read(ReadOnlySpan<byte> json)
    {
        // JSON text is UTF-8 (RFC 8259 §8.1). JsonDocument checks the structure but not the bytes inside strings, and
        // reading such a string later throws InvalidOperationException, not a refusal: found by `perf -- fuzz`.
        if (!Utf8.IsValid(json))
        {
            throw new ModelBundleException($"{File}: not valid UTF-8");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new ModelBundleException($"{File}: not valid JSON ({e.Message})", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ModelBundleException($"{File}: the top level must be a JSON object");
            }
            return Read(new JsonFields(document.RootElement, File, ""));
        }
    }

    private static ModelManifest Read(JsonFields root)
    {
        root.String("format", ModelManifest.Format);
        var version = root.Int("version", 0, int.MaxValue);
        if (version != ModelManifest.CurrentVersion)
        {
            throw root.Fail("version", $"must be {ModelManifest.CurrentVersion} (the only format version this build reads), got {version}");
        }
        var triplanes = Triplanes(root.Object("triplanes"));
        return new ModelManifest(
            root.String("name"),
            root.Bool("trained"),
            Encoder(root.Object("encoder")),
            triplanes,
            Decoder(root.Object("decoder")),
            Rendering(root.Object("rendering")),
            root.OptionalObject("superres")?.FileName("file"));
    }

    private static EncoderSpec Encoder(JsonFields encoder)
    {
        var image = encoder.Object("image");
        image.String("layout", ImageInputSpec.Layout);
        image.String("channels", ImageInputSpec.Channels);
        var imageSpec = new ImageInputSpec(
            image.String("name"),
            image.Int("size", 16, 4096),
            image.Float("scale", 1e-6f, 1e3f),
            image.Floats("mean", 3, -1e3f, 1e3f),
            image.Floats("std", 3, 1e-6f, 1e3f));

        var framing = encoder.Object("framing");
        var framingSpec = new FaceFraming
        {
            CropScale = framing.Float("cropScale", 1f, 10f),
            EyeDistanceToFaceSize = framing.Float("eyeDistanceToFaceSize", 0.5f, 10f),
            VerticalOffset = framing.Float("verticalOffset", -1f, 1f),
        };

        var face = encoder.OptionalObject("face");
        var faceSpec = face is { } f ? new FaceInputSpec(f.String("name"), f.String("kind", [.. FaceParameters.Kinds]), f.Int("length", 1, 4096)) : null;
        if (faceSpec is not null && FaceParameters.LengthOf(faceSpec.Kind) is var length && faceSpec.Length != length)
        {
            throw face!.Value.Fail("length", $"must be {length} for kind \"{faceSpec.Kind}\", got {faceSpec.Length}");
        }
        if (faceSpec?.Name == imageSpec.Name)
        {
            throw face!.Value.Fail("name", $"must differ from encoder.image.name \"{imageSpec.Name}\"");
        }

        var matte = encoder.OptionalObject("matte");
        var matteSpec = matte is { } m ? new MatteInputSpec(m.String("name")) : null;
        if (matteSpec is not null && (matteSpec.Name == imageSpec.Name || matteSpec.Name == faceSpec?.Name))
        {
            throw matte!.Value.Fail("name", $"must differ from the image and face inputs' names, got \"{matteSpec.Name}\"");
        }
        var surround = encoder.OptionalObject("surround");
        var surroundSpec = surround is { } o ? new SurroundInputSpec(o.String("name"), o.Float("span", SurroundInputSpec.MinSpan, SurroundInputSpec.MaxSpan)) : null;
        if (surroundSpec is not null && (surroundSpec.Name == imageSpec.Name || surroundSpec.Name == faceSpec?.Name || surroundSpec.Name == matteSpec?.Name))
        {
            throw surround!.Value.Fail("name", $"must differ from the image, face and matte inputs' names, got \"{surroundSpec.Name}\"");
        }
        return new EncoderSpec(encoder.FileName("file"), imageSpec, framingSpec, faceSpec, matteSpec, surroundSpec);
    }

    private static TriplaneSpec Triplanes(JsonFields triplanes)
    {
        triplanes.Int("planes", 3, 3);
        triplanes.String("dtype", TriplaneSpec.DataType);
        var axes = triplanes.Strings("axes");
        if (axes.Length != 3)
        {
            throw triplanes.Fail("axes", $"must name 3 planes, got {axes.Length}");
        }
        var parsed = new PlaneAxes[3];
        for (var i = 0; i < axes.Length; i++)
        {
            if (!PlaneAxes.TryParse(axes[i], out parsed[i]))
            {
                throw triplanes.Fail($"axes[{i}]", $"must be two different axes of x, y, z such as \"xy\", got \"{axes[i]}\"");
            }
        }
        var layout = new TriplaneLayout(triplanes.Int("channels", 1, 1024), triplanes.Int("resolution", 2, 2048), parsed);
        return new TriplaneSpec(triplanes.String("output"), layout);
    }

    private static DecoderSpec Decoder(JsonFields decoder)
    {
        decoder.String("activation", DecoderSpec.Activation);
        return new DecoderSpec(decoder.FileName("file"), decoder.Int("hidden", 1, 4096), decoder.Int("outputs", 4, 4096));
    }

    private static RenderingConfig Rendering(JsonFields rendering)
    {
        var lookAt = rendering.Floats("lookAt", 3, -10f, 10f);
        var config = new RenderingConfig
        {
            BoxWarp = rendering.Float("boxWarp", 1e-3f, 100f),
            RayNear = rendering.Float("rayNear", 0f, 1000f),
            RayFar = rendering.Float("rayFar", 0f, 1000f),
            CoarseSamples = rendering.Int("coarseSamples", 2, 1024),
            ImportanceSamples = rendering.Int("importanceSamples", 0, 1024),
            DensityBias = rendering.Float("densityBias", -100f, 100f),
            CameraRadius = rendering.Float("cameraRadius", 1e-3f, 1000f),
            LookAt = (lookAt[0], lookAt[1], lookAt[2]),
            FocalLength = rendering.Float("focalLength", 0.05f, 100f),
            SmoothStretch = rendering.OptionalBool("smoothStretch", absent: false),
            ViewRange = rendering.OptionalObject("viewRange") is { } range
                ? new ViewRange(range.Float("yaw", 1f, ViewRange.MaxYawLimit), range.Float("pitch", 1f, CameraView.MaxAbsPitchDegrees))
                : ViewRange.Unlimited,
        };
        if (config.RayFar <= config.RayNear)
        {
            throw rendering.Fail("rayFar", $"must be greater than rendering.rayNear ({config.RayNear}), got {config.RayFar}");
        }
        return config;
    }
}
