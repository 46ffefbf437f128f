using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Recognition;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Perf;

/// <summary>
/// `fidelity [--portraits DIR|FILE,…] [--models NAME,…] [--size N] [--spread N,…] [--equal-turn] [--mirror-turn] [--quality reference|live] [--styles NAME,…|none] [--out FILE] [--images DIR]`: how faithful each
/// model's turned views are (issue #12, item 5). Every portrait goes through the real path (BlazeFace → the bundle's
/// crop → its encoder → the CPU renderer, EG3D's sampler at 48 + 48) and each view — yaw 0, ±15°, ±30°, pitch ±10° —
/// is read back like a photo by <see cref="FaceProbe"/>: identity similarity to the input face, head pose error against
/// the turn the view gives the head (<see cref="Renderer.Camera.ViewTurn"/>), and, at yaw 0, PSNR/SSIM against the crop the encoder saw; then each render style (issue #15,
/// item 4) at <see cref="StyleViews"/>, read for identity alike; with --spread, the unstyled views again at further output
/// sizes, reported as each figure's mean and range over the sizes; with --equal-turn, identity at the turn each view gives
/// the face (<see cref="EqualTurnIdentity"/>); with --mirror-turn, each turned photo against its mirror image, a real turn of
/// the same face, and the model's view turned as far (<see cref="MirrorTurn"/>). Writes <see cref="FidelityReport"/>'s
/// Markdown to --out (default perf/RESULTS-fidelity.md in the repository) and prints it.
/// </summary>
internal static class FidelityEvaluation
{
    public static readonly CameraView[] Views =
        [new(0, 0), new(15, 0), new(-15, 0), new(30, 0), new(-30, 0), new(0, 10), new(0, -10)];

    /// <summary>The views each render style is read at: the front and the ±15° turns a streamer's avatar mostly shows.</summary>
    public static readonly CameraView[] StyleViews = [new(0, 0), new(15, 0), new(-15, 0)];

    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".webp", ".bmp", ".tif", ".tiff"];

    public static async Task<int> RunAsync(string[] args)
    {
        FidelityOptions options;
        try
        {
            options = FidelityOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"fidelity: {e.Message}");
            return 2;
        }
        try
        {
            var load = LoadRun.LoadAverage(", ");
            var started = DateTime.UtcNow;
            var portraits = new List<(string Name, RgbImage Image)>();
            foreach (var path in options.Portraits.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).SelectMany(ListPortraits))
            {
                portraits.Add((Path.GetFileName(path), await new ImageFiles().ReadAsync(path)));
            }
            var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
            var bundles = new List<(string Name, ModelBundle Bundle)>();
            try
            {
                foreach (var name in options.Models)
                {
                    bundles.Add((name, BuiltInBundles.Load(name, sessions)));
                }
                using var probe = new FaceProbe(sessions, options.Descriptor, options.MirrorPairs);
                var renderer = new CpuVolumeRenderer();
                if (options.Images is not null)
                {
                    Directory.CreateDirectory(options.Images);
                }
                var results = new List<PortraitFidelity>();
                foreach (var (name, image) in portraits)
                {
                    results.Add(await EvaluateAsync(name, image, bundles, probe, renderer, options));
                }
                var report = FidelityReport.Write(results, options, new FidelityRun(args, sessions.Provider.Name, load, LoadRun.LoadAverage(", "), started));
                Console.WriteLine(report);
                await File.WriteAllTextAsync(options.Out, report);
                await Console.Error.WriteLineAsync($"fidelity: wrote {options.Out}");
                return 0;
            }
            finally
            {
                bundles.ForEach(b => b.Bundle.Dispose());
            }
        }
        catch (Exception e) when (e is ImageIoException or ModelBundleException or ModelLoadException or IOException)
        {
            await Console.Error.WriteLineAsync($"fidelity: {e.Message}");
            return 1;
        }
    }

    /// <summary>One portrait through every model; a portrait with no face is reported as such, not thrown.</summary>
    private static async Task<PortraitFidelity> EvaluateAsync(string name, RgbImage image, List<(string Name, ModelBundle Bundle)> bundles,
        FaceProbe probe, CpuVolumeRenderer renderer, FidelityOptions options)
    {
        var face = probe.FindFace(image);
        if (face is null)
        {
            await Console.Error.WriteLineAsync($"fidelity: {name}: no face found in the input; skipped");
            return new PortraitFidelity(name, []);
        }
        var input = probe.Embed(image, face);
        var models = new List<ModelFidelity>();
        foreach (var (model, bundle) in bundles)
        {
            var views = new ModelViews(image, face, bundle, renderer, options.Live);
            // The input view at the render's size: the encoder's crop geometry resampled, so yaw 0 compares pixel for pixel.
            var inputView = FaceAligner.Align(image, face, views.Aligned.Geometry, options.Size).Crop;
            var region = new PixelRegion(options.Size / 4, options.Size / 4, options.Size / 2, options.Size / 2);
            // Beside the views, so a yaw-0 render can be diffed against what it is measured against.
            await SaveAsync(inputView, options, Path.Combine(options.Images ?? "", $"{Path.GetFileNameWithoutExtension(name)}_{Safe(model)}_input.png"));
            var readings = new List<(CameraView View, ViewReading Reading)>();
            (double Psnr, double Ssim) front = (double.NaN, double.NaN);
            foreach (var view in Views)
            {
                var picture = views.Render(view, RenderStyle.None, options.Size);
                if (view == CameraView.Front)
                {
                    front = (ImageQuality.Psnr(picture, inputView, region), ImageQuality.Ssim(picture, inputView, region));
                }
                var reading = probe.Read(picture, input);
                readings.Add((view, reading));
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"fidelity: {name} {model} yaw {view.YawDegrees} pitch {view.PitchDegrees}: {(reading.FaceFound ? $"similarity {reading.Similarity:0.000}" : "no face")}"));
                await SaveAsync(picture, options, name, model, view, RenderStyle.None);
            }
            var styled = new List<(RenderStyle, CameraView, ViewReading)>();
            foreach (var style in options.Styles)
            {
                foreach (var view in StyleViews)
                {
                    var picture = views.Render(view, style, options.Size);
                    var reading = probe.Read(picture, input);
                    styled.Add((style, view, reading));
                    await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"fidelity: {name} {model} {RenderStyleNames.Name(style)} yaw {view.YawDegrees}: {(reading.FaceFound ? $"similarity {reading.Similarity:0.000}" : "no face")}"));
                    await SaveAsync(picture, options, name, model, view, style);
                }
            }
            var spread = new List<(int, IReadOnlyList<(CameraView, ViewReading)>)>();
            foreach (var size in options.SpreadSizes)
            {
                spread.Add((size, Views.Select(view => (view, probe.Read(views.Render(view, RenderStyle.None, size), input))).ToList()));
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"fidelity: {name} {model} read again at {size}²"));
            }
            var sweeps = new List<TurnSweep>();
            foreach (var view in options.EqualTurn ? Views.Where(v => v.YawDegrees != 0 && v.PitchDegrees == 0) : [])
            {
                var around = EqualTurnIdentity.Offsets.Select(offset => view with { YawDegrees = view.YawDegrees + offset })
                    .Select(turned => (turned.YawDegrees, probe.Read(views.Render(turned, RenderStyle.None, options.Size), input)));
                sweeps.Add(new TurnSweep(view, [.. around, (view.YawDegrees, readings.First(r => r.View == view).Reading)]));
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"fidelity: {name} {model} yaw {view.YawDegrees} read around its turn"));
            }
            var mirrorTurn = options.MirrorTurn
                ? await MirrorTurn.ReadAsync(image, face, input, views, bundle, probe, renderer, options,
                    options.Images is null ? null : Path.Combine(options.Images, $"{Path.GetFileNameWithoutExtension(name)}_{Safe(model)}"))
                : null;
            models.Add(new ModelFidelity(model, bundle.Rendering, front.Psnr, front.Ssim, readings) { Styled = styled, Spread = spread, TurnSweeps = sweeps, MirrorTurn = mirrorTurn });
        }
        return new PortraitFidelity(name, models);
    }

    /// <summary>Writes the view to --images when asked (a styled view's file name ends in its style).</summary>
    private static Task SaveAsync(RgbImage picture, FidelityOptions options, string name, string model, CameraView view, RenderStyle style)
    {
        var suffix = style == RenderStyle.None ? "" : "_" + RenderStyleNames.Name(style);
        return SaveAsync(picture, options, Path.Combine(options.Images ?? "",
            string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(name)}_{Safe(model)}_y{view.YawDegrees}_p{view.PitchDegrees}{suffix}.png")));
    }

    /// <summary>Writes <paramref name="picture"/> to <paramref name="path"/> (under --images) when --images is given.</summary>
    private static async Task SaveAsync(RgbImage picture, FidelityOptions options, string path)
    {
        if (options.Images is not null)
        {
            await ImageFiles.WritePngAsync(picture, path);
        }
    }

    /// <summary>The image files of a folder (sorted), or the one file named; a missing path or an empty folder is an error naming it.</summary>
    private static List<string> ListPortraits(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }
        if (!Directory.Exists(path))
        {
            throw new DirectoryNotFoundException($"{path}: portrait folder not found");
        }
        var files = Directory.EnumerateFiles(path)
            .Where(f => ImageExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();
        return files.Count > 0 ? files : throw new FileNotFoundException($"{path}: no portrait images ({string.Join(", ", ImageExtensions)}) in the folder");
    }

    private static string Safe(string model) => string.Concat(Path.GetFileName(Path.TrimEndingDirectorySeparator(model)).Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
