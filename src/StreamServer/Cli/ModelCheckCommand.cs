using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Scene;
using PortraitStream.Server.Pipeline.Health;

namespace PortraitStream.Server.Cli;

/// <summary>
/// `model check DIR [--image FACE] [--runs N]`: loads a bundle exactly as the server does (every contract rule in
/// docs/model-bundle.md), runs its encoder on a portrait (detect, align with the bundle's framing), and reports
/// shapes, the views the model is drawn for, the execution provider, ms per run and whether the triplanes look like an
/// encoder's output. Exit 0 when all of that holds, 1 with one line naming the file and field when it does not, 3 when
/// the image has no face.
/// </summary>
internal static class ModelCheckCommand
{
    /// <summary>The committed test portrait, copied beside the binary (StreamServer.csproj).</summary>
    public static string DefaultImage => PipelineWarmup.SamplePortrait;

    private sealed record Arguments(DirectoryInfo Bundle, FileInfo Image, int Runs, ExecutionProviderPreference Provider, bool Verbose);

    public static Command Create()
    {
        var bundle = new Argument<DirectoryInfo>("DIR") { Description = "The model bundle folder" };
        var image = new Option<FileInfo>("--image") { Description = "Portrait to encode (default: the committed test portrait)", DefaultValueFactory = _ => new FileInfo(DefaultImage) };
        var runs = new Option<int>("--runs") { Description = "Timed encoder runs after one warm-up run; the median is reported", DefaultValueFactory = _ => 3 };
        var provider = new Option<ExecutionProviderPreference>("--provider") { Description = "Auto (CUDA when present, else CPU), Cpu or Cuda", DefaultValueFactory = _ => ExecutionProviderPreference.Auto };
        var verbose = new Option<bool>("--verbose") { Description = "Log what the command does (on stderr)" };
        runs.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1000)
            {
                r.AddError("--runs must be between 1 and 1000");
            }
        });
        var command = new Command("check", "Validate a model bundle against the contract and run its encoder once on a portrait") { bundle, image, runs, provider, verbose };
        command.SetAction((parsed, cancellationToken) => CommandLineInterface.Guard(() => RunAsync(new Arguments(
            parsed.GetRequiredValue(bundle), parsed.GetRequiredValue(image), parsed.GetValue(runs), parsed.GetValue(provider), parsed.GetValue(verbose)), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var photo = await new ImageFiles().ReadAsync(args.Image.FullName, cancellationToken: cancellationToken).ConfigureAwait(false);
        using var logging = CliLogging.Create(args.Verbose);
        var sessions = new OnnxSessionFactory(logging.CreateLogger<OnnxSessionFactory>(), args.Provider);
        var clock = Stopwatch.StartNew();
        using var bundle = ModelBundle.Load(args.Bundle.FullName, sessions);
        var loadMs = clock.Elapsed.TotalMilliseconds;

        var aligned = await BundleFaceInput.AlignAsync(photo, args.Image.FullName, sessions, bundle).ConfigureAwait(false);
        if (aligned is null)
        {
            return ExitCodes.NoFace;
        }
        var manifest = bundle.Manifest;

        // The first run pays for ONNX Runtime's lazy initialisation (allocations, kernel selection): timed apart.
        var triplanes = new Triplanes(bundle.Layout);
        clock.Restart();
        bundle.Encoder.Encode(aligned, triplanes);
        var firstMs = clock.Elapsed.TotalMilliseconds;
        var times = new double[args.Runs];
        for (var i = 0; i < times.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Restart();
            bundle.Encoder.Encode(aligned, triplanes);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        var statistics = TriplaneStatistics.Of(triplanes);

        await Console.Out.WriteAsync(Report(args, bundle, sessions.Provider, loadMs, firstMs, times, statistics)).ConfigureAwait(false);
        if (!statistics.IsSane)
        {
            var why = statistics.NonFinite > 0 ? $"{statistics.NonFinite} values are NaN or infinite" : "every value is zero";
            await Console.Error.WriteLineAsync($"error: {manifest.Encoder.File}: triplanes \"{manifest.Triplanes.Output}\" are not sane: {why}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        return ExitCodes.Success;
    }

    private static string Report(Arguments args, ModelBundle bundle, ExecutionProviderChoice provider, double loadMs, double firstMs,
        double[] times, TriplaneStatistics statistics)
    {
        var manifest = bundle.Manifest;
        var image = manifest.Encoder.Image;
        var layout = bundle.Layout;
        var sorted = times.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        var text = new System.Text.StringBuilder();
        void Line(FormattableString line) => text.AppendLine(line.ToString(CultureInfo.InvariantCulture));

        Line($"model {manifest.Name} in {args.Bundle.FullName}: {(manifest.Trained ? "trained" : "untrained (trained: false)")}");
        Line($"contract: ok (model.json, {manifest.Decoder.File} {layout.Channels}→{manifest.Decoder.Hidden}→{manifest.Decoder.Outputs}, {manifest.Encoder.File} loaded in {loadMs:0} ms)");
        Line($"encoder: input \"{image.Name}\" [1, 3, {image.Size}, {image.Size}]{(manifest.Encoder.Face is { } f ? $" + \"{f.Name}\" [1, {f.Length}] ({f.Kind})" : "")}{(manifest.Encoder.Matte is { } m ? $" + \"{m.Name}\" [1, 1, {image.Size}, {image.Size}] (person matte)" : "")} → output \"{manifest.Triplanes.Output}\" [1, {layout.Planes}, {layout.Channels}, {layout.Resolution}, {layout.Resolution}], axes {string.Join(" ", layout.Axes)}");
        var range = manifest.Rendering.ViewRange;
        if (range.IsUnlimited)
        {
            Line($"views: any (no rendering.viewRange)");
        }
        else
        {
            Line($"views: yaw within ±{range.MaxYawDegrees:0.#}°, pitch within ±{range.MaxPitchDegrees:0.#}° (rendering.viewRange)");
        }
        Line($"execution provider: {provider}");
        Line($"encode: {median:0.0} ms median of {times.Length} runs (min {sorted[0]:0.0}, max {sorted[^1]:0.0}; first run {firstMs:0.0} ms) on {args.Image.Name}");
        foreach (var plane in statistics.Planes)
        {
            Line($"plane {plane.Axes}: mean {plane.Mean:0.0000} std {plane.StandardDeviation:0.0000} range [{plane.Min:0.000}, {plane.Max:0.000}]{(plane.NonFinite > 0 ? $", {plane.NonFinite} non-finite" : "")}");
        }
        Line($"triplanes: {(statistics.IsSane ? "sane (finite, not all zero)" : "NOT sane")}");
        return text.ToString();
    }
}
