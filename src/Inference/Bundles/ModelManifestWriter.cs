using System.Text.Json;

namespace PortraitStream.Inference.Bundles;

/// <summary>Writes model.json: indented, fields in the order docs/model-bundle.md lists them, so output is stable.</summary>
public static class ModelManifestWriter
{
    public static byte[] Write(ModelManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format", ModelManifest.Format);
            json.WriteNumber("version", ModelManifest.CurrentVersion);
            json.WriteString("name", manifest.Name);
            json.WriteBoolean("trained", manifest.Trained);
            WriteEncoder(json, manifest.Encoder);
            WriteTriplanes(json, manifest.Triplanes);
            json.WriteStartObject("decoder");
            json.WriteString("file", manifest.Decoder.File);
            json.WriteNumber("hidden", manifest.Decoder.Hidden);
            json.WriteString("activation", DecoderSpec.Activation);
            json.WriteNumber("outputs", manifest.Decoder.Outputs);
            json.WriteEndObject();
            WriteRendering(json, manifest);
            if (manifest.SuperResolutionFile is { } superres)
            {
                json.WriteStartObject("superres");
                json.WriteString("file", superres);
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void WriteEncoder(Utf8JsonWriter json, EncoderSpec encoder)
    {
        json.WriteStartObject("encoder");
        json.WriteString("file", encoder.File);
        json.WriteStartObject("image");
        json.WriteString("name", encoder.Image.Name);
        json.WriteNumber("size", encoder.Image.Size);
        json.WriteString("layout", ImageInputSpec.Layout);
        json.WriteString("channels", ImageInputSpec.Channels);
        json.WriteNumber("scale", encoder.Image.Scale);
        WriteNumbers(json, "mean", encoder.Image.Mean);
        WriteNumbers(json, "std", encoder.Image.Std);
        json.WriteEndObject();
        json.WriteStartObject("framing");
        json.WriteNumber("cropScale", encoder.Framing.CropScale);
        json.WriteNumber("eyeDistanceToFaceSize", encoder.Framing.EyeDistanceToFaceSize);
        json.WriteNumber("verticalOffset", encoder.Framing.VerticalOffset);
        json.WriteEndObject();
        if (encoder.Face is { } face)
        {
            json.WriteStartObject("face");
            json.WriteString("name", face.Name);
            json.WriteString("kind", face.Kind);
            json.WriteNumber("length", face.Length);
            json.WriteEndObject();
        }
        if (encoder.Matte is { } matte)
        {
            json.WriteStartObject("matte");
            json.WriteString("name", matte.Name);
            json.WriteEndObject();
        }
        if (encoder.Surround is { } surround)
        {
            json.WriteStartObject("surround");
            json.WriteString("name", surround.Name);
            json.WriteNumber("span", surround.Span);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteTriplanes(Utf8JsonWriter json, TriplaneSpec triplanes)
    {
        json.WriteStartObject("triplanes");
        json.WriteString("output", triplanes.Output);
        json.WriteNumber("planes", triplanes.Layout.Planes);
        json.WriteNumber("channels", triplanes.Layout.Channels);
        json.WriteNumber("resolution", triplanes.Layout.Resolution);
        json.WriteString("dtype", TriplaneSpec.DataType);
        json.WriteStartArray("axes");
        foreach (var axes in triplanes.Layout.Axes)
        {
            json.WriteStringValue(axes.ToString());
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteRendering(Utf8JsonWriter json, ModelManifest manifest)
    {
        var r = manifest.Rendering;
        json.WriteStartObject("rendering");
        json.WriteNumber("boxWarp", r.BoxWarp);
        json.WriteNumber("rayNear", r.RayNear);
        json.WriteNumber("rayFar", r.RayFar);
        json.WriteNumber("coarseSamples", r.CoarseSamples);
        json.WriteNumber("importanceSamples", r.ImportanceSamples);
        json.WriteNumber("densityBias", r.DensityBias);
        json.WriteNumber("cameraRadius", r.CameraRadius);
        WriteNumbers(json, "lookAt", [r.LookAt.X, r.LookAt.Y, r.LookAt.Z]);
        json.WriteNumber("focalLength", r.FocalLength);
        json.WriteBoolean("smoothStretch", r.SmoothStretch);
        if (!r.ViewRange.IsUnlimited)
        {
            json.WriteStartObject("viewRange");
            json.WriteNumber("yaw", r.ViewRange.MaxYawDegrees);
            json.WriteNumber("pitch", r.ViewRange.MaxPitchDegrees);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, float[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }
        json.WriteEndArray();
    }
}
