using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Perf;

/// <summary>
/// `reference-skip [--size N] [--samples C+I] [--repeat N] [--portrait PATH] [--model relief-v2|relief|DIR] [--eg3d]`: the reference sampler with and without
/// empty-space skipping and early termination (<c>CpuVolumeRenderer.SkipEmptySpace</c>), side by side in one process on
/// the committed portrait encoded by the server's default model (relief v2; --model relief for v1): CPU time per frame of each (alternated render by render, so both see the same
/// load), and PSNR over RGBA of the skipping render against the plain one, per view. --eg3d renders the synthetic
/// EG3D-sized scene of <see cref="CpuRendererBenchmarks"/> instead (32 channels, 64 hidden: the grid's bound is loose there).
/// </summary>
internal static class ReferenceSkipping
{
    private static readonly (float Yaw, float Pitch)[] Views = [(0, 0), (20, 10), (-30, 0), (0, -15)];

    public static async Task<int> RunAsync(string[] args)
    {
        int size = 256, repeat = 5;
        var samples = new SampleCounts(48, 48);
        string portrait = PortraitScene.CommittedPortrait;
        bool eg3d = false;
        string model = ReliefV2Bundle.Name;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--portrait": portrait = args[++i]; break;
                case "--eg3d": eg3d = true; break;
                case "--model": model = args[++i]; break;
                case "--samples":
                    var parts = args[++i].Split('+');
                    samples = new SampleCounts(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture));
                    break;
                default: await Console.Error.WriteLineAsync($"reference-skip: unknown option '{args[i]}'"); return 2;
            }
        }
        if (eg3d)
        {
            var scene = SyntheticScene.Eg3d(size) with { Samples = samples };
            return Compare("Synthetic EG3D-sized scene", (yaw, pitch) => scene with { View = new CameraView(yaw, pitch) }, size, samples, repeat);
        }
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
        using var bundle = BuiltInBundles.Load(model, sessions);
        using var detector = new BlazeFaceDetector(sessions);
        var planes = await PortraitScene.EncodeAsync(portrait, bundle, detector);
        return Compare($"{model} on the portrait", (yaw, pitch) => new RenderRequest(planes, bundle.Decoder, bundle.Rendering, new CameraView(yaw, pitch), size, size) { Samples = samples },
            size, samples, repeat);
    }

    private static int Compare(string scene, Func<float, float, RenderRequest> requestFor, int size, SampleCounts samples, int repeat)
    {
        var plain = new CpuVolumeRenderer { SkipEmptySpace = false };
        var skipping = new CpuVolumeRenderer { SkipEmptySpace = true };
        Console.WriteLine($"{scene}, {size}², {samples.Coarse} + {samples.Importance}, {Environment.ProcessorCount} cores, load at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| view | plain CPU / frame (median, min) | skipping CPU / frame (median, min) | plain / skipping | PSNR RGBA | RGBA bytes differing |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        var ratios = new List<double>();
        foreach (var (yaw, pitch) in Views)
        {
            var request = requestFor(yaw, pitch);
            var plainTarget = RenderTarget.Allocate(size, size, withDepth: true);
            var skipTarget = RenderTarget.Allocate(size, size, withDepth: true);
            plain.Render(request, plainTarget);
            skipping.Render(request, skipTarget);
            var plainTimes = new List<double>();
            var skipTimes = new List<double>();
            for (int i = 0; i < repeat; i++)
            {
                plainTimes.Add(CpuClock.Measure(() => plain.Render(request, plainTarget)).CpuMs);
                skipTimes.Add(CpuClock.Measure(() => skipping.Render(request, skipTarget)).CpuMs);
            }
            double p = Median.Of(plainTimes), s = Median.Of(skipTimes);
            ratios.Add(p / s);
            int differing = 0;
            for (int i = 0; i < plainTarget.Rgba.Length; i++) differing += plainTarget.Rgba[i] != skipTarget.Rgba[i] ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| yaw {yaw}°, pitch {pitch}° | {p:0} ms, {plainTimes.Min():0} ms | {s:0} ms, {skipTimes.Min():0} ms | {p / s:0.00}× | {BytePsnr.Of(skipTarget.Rgba, plainTarget.Rgba):0.0} dB | {differing} of {plainTarget.Rgba.Length} |"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Median ratio {Median.Of(ratios):0.00}×; load at end: {File.ReadAllText("/proc/loadavg").Trim()}"));
        return 0;
    }
}
