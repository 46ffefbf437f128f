using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Recognition;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;

namespace PortraitStream.Perf;

/// <summary>
/// `identity [--descriptor hse|mobileface] INPUT VIEW…`: reads image files against an input photo exactly as
/// `fidelity` reads its rendered views (<see cref="FaceProbe"/>): identity similarity to the input's face, and the head
/// pose the mesh reads on each, also as a turn from the input's. For pictures the fidelity benchmark does not render
/// itself: two photos of one person at different angles (what the identity targets can be), renders of a known head
/// (what a faithful view scores), or photos of different people (where a descriptor's scale starts). Prints a
/// Markdown table.
/// </summary>
internal static class IdentityReading
{
    private const string Usage = "usage: identity [--descriptor hse|mobileface] INPUT VIEW…  (image files; each view is read against the input's face)";

    public static async Task<int> RunAsync(string[] args)
    {
        var descriptor = FaceDescriptorModel.Hse;
        try
        {
            if (args is ["--descriptor", var name, .. var rest])
            {
                (descriptor, args) = (FaceDescriptorModel.Parse(name), rest);
            }
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"identity: {e.Message}");
            return 2;
        }
        if (args.Length < 2 || args.Any(a => a.StartsWith("--", StringComparison.Ordinal)))
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        try
        {
            var files = new ImageFiles();
            var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
            using var probe = new FaceProbe(sessions, descriptor);
            var input = await files.ReadAsync(args[0]);
            if (probe.FindFace(input) is not { } face)
            {
                await Console.Error.WriteLineAsync($"identity: {args[0]}: no face found in the input");
                return 1;
            }
            var embedding = probe.Embed(input, face);
            var inputPose = probe.Pose(input, face);
            Console.WriteLine($"Input {Path.GetFileName(args[0])}: the mesh reads {Angles(inputPose)}.");
            Console.WriteLine();
            Console.WriteLine("| view | identity | mesh reads (yaw / pitch) | turn from the input (yaw / pitch) |");
            Console.WriteLine("|---|---:|---:|---:|");
            foreach (var path in args.Skip(1))
            {
                var reading = probe.Read(await files.ReadAsync(path), embedding);
                var turn = reading.Pose - inputPose;
                Console.WriteLine(reading.FaceFound
                    ? string.Create(CultureInfo.InvariantCulture, $"| {Path.GetFileName(path)} | {reading.Similarity:0.000} | {Angles(reading.Pose)} | {Angles(turn)} |")
                    : $"| {Path.GetFileName(path)} | no face | | |");
            }
            return 0;
        }
        catch (Exception e) when (e is ImageIoException or ModelLoadException or IOException)
        {
            await Console.Error.WriteLineAsync($"identity: {e.Message}");
            return 1;
        }
    }

    private static string Angles(HeadAngles? angles) => angles is { } a
        ? string.Create(CultureInfo.InvariantCulture, $"{a.YawDegrees:+0.0;−0.0;0.0}° / {a.PitchDegrees:+0.0;−0.0;0.0}°")
        : "mesh refused";
}
