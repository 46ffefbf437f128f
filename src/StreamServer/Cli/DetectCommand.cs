using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Server.Cli;

/// <summary>
/// `detect --image IN --out CROP.png [--size N] [--json]`: finds the faces in an image, prints their boxes,
/// keypoints, the best face's head yaw, pitch and roll, and writes its aligned square crop. Yaw and pitch are read as
/// the live tracker reads them (and the stats show them): the face mesh's rigid fit (<see cref="FaceMeshPose"/>),
/// BlazeFace's keypoint estimate where the mesh is not trusted.
/// </summary>
internal static class DetectCommand
{
    public static Command Create()
    {
        var image = new Option<FileInfo>("--image") { Description = "Input image (any format ffmpeg reads)", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the aligned face crop (PNG)", Required = true };
        var size = new Option<int>("--size") { Description = "Side of the square crop in pixels", DefaultValueFactory = _ => 256 };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout" };
        var verbose = new Option<bool>("--verbose") { Description = "Log what the command does (on stderr)" };
        size.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 16 or > 2048)
            {
                result.AddError("--size must be between 16 and 2048");
            }
        });

        var command = new Command("detect", "Detect faces in an image and write the aligned crop of the best one") { image, output, size, json, verbose };
        command.SetAction((parsed, cancellationToken) => CommandLineInterface.Guard(() => RunAsync(
            parsed.GetRequiredValue(image), parsed.GetRequiredValue(output), parsed.GetValue(size), parsed.GetValue(json),
            parsed.GetValue(verbose), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo imageFile, FileInfo cropFile, int size, bool json, bool verbose, CancellationToken cancellationToken)
    {
        var image = await new ImageFiles().ReadAsync(imageFile.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var logging = CliLogging.Create(verbose);
        var sessions = new OnnxSessionFactory(logging.CreateLogger<OnnxSessionFactory>());
        using var detector = new BlazeFaceDetector(sessions);
        var faces = detector.Detect(image);
        var aligned = faces.Count > 0 ? FaceAligner.Align(image, faces[0], size, FaceFraming.Default) : null;
        if (aligned is not null)
        {
            using var mesh = new FaceMeshPose(sessions);
            aligned = aligned with { Head = mesh.TryMeasure(image, aligned.Geometry, FaceFraming.Default)?.Head ?? aligned.Head };
            await ImageFiles.WritePngAsync(aligned.Crop, cropFile.FullName, cancellationToken).ConfigureAwait(false);
        }

        var report = DetectReport.From(imageFile.FullName, image, faces, aligned, aligned is null ? null : cropFile.FullName);
        await Console.Out.WriteAsync(json ? JsonSerializer.Serialize(report, DetectReport.JsonOptions) + "\n" : report.ToText()).ConfigureAwait(false);
        if (aligned is null)
        {
            await Console.Error.WriteLineAsync($"error: no face found in {imageFile.FullName}").ConfigureAwait(false);
            return ExitCodes.NoFace;
        }
        return ExitCodes.Success;
    }
}
