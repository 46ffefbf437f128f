using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Cli;

/// <summary>What `detect` found, printable as text or JSON. Coordinates are image pixels (x right, y down).</summary>
internal sealed record DetectReport(string Image, int Width, int Height, IReadOnlyList<DetectReport.Face> Faces, string? Crop, int? CropSize)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public sealed record Face(float Score, float X, float Y, float Width, float Height, IReadOnlyDictionary<string, float[]> Keypoints,
        float? YawDegrees, float? PitchDegrees, float? RollDegrees);

    private static readonly string[] KeypointNames = ["rightEye", "leftEye", "noseTip", "mouth", "rightEar", "leftEar"];

    public static DetectReport From(string path, RgbImage image, IReadOnlyList<FaceDetection> faces, AlignedFace? aligned, string? cropPath)
    {
        var reported = faces.Select((face, i) => new Face(
            Round(face.Score, 3), Round(face.Box.Left), Round(face.Box.Top), Round(face.Box.Width), Round(face.Box.Height),
            KeypointNames.Select((name, k) => (name, point: face.Keypoints[k])).ToDictionary(p => p.name, p => Point(p.point)),
            i == 0 && aligned is not null ? Round(aligned.Head.YawDegrees) : null,
            i == 0 && aligned is not null ? Round(aligned.Head.PitchDegrees) : null,
            i == 0 && aligned is not null ? Round(aligned.RollDegrees) : null)).ToList();
        return new DetectReport(path, image.Width, image.Height, reported, cropPath, aligned?.Crop.Width);
    }

    public string ToText()
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"{Image}: {Width}×{Height}, {Faces.Count} face(s)");
        for (var i = 0; i < Faces.Count; i++)
        {
            var f = Faces[i];
            text.AppendLine(culture, $"face {i + 1}: score {f.Score:0.000}, box x {f.X:0.0} y {f.Y:0.0} w {f.Width:0.0} h {f.Height:0.0}");
            text.AppendLine("  " + string.Join("  ", f.Keypoints.Select(k => string.Create(culture, $"{k.Key} ({k.Value[0]:0.0}, {k.Value[1]:0.0})"))));
            if (f.YawDegrees is { } yaw && f.PitchDegrees is { } pitch && f.RollDegrees is { } roll)
            {
                text.AppendLine(culture, $"  yaw {yaw:+0.0;-0.0}°  pitch {pitch:+0.0;-0.0}°  roll {roll:+0.0;-0.0}°");
            }
        }
        if (Crop is not null)
        {
            text.AppendLine(culture, $"crop: {Crop} ({CropSize}×{CropSize})");
        }
        return text.ToString();
    }

    private static float[] Point(Vector2 p) => [Round(p.X), Round(p.Y)];

    private static float Round(float value, int digits = 1) => MathF.Round(value, digits);
}
