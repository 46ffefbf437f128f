using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Perf;

/// <summary>
/// `quality [--size N] [--portrait PATH]… [--model relief|relief-v2|DIR] [--repeat N] [--out DIR]`: the picture each sampler gives, against a
/// converged reference (EG3D's sampler at 128 + 128), on real portraits through the real path (BlazeFace → aligned
/// crop → relief encoder → CPU renderer): PSNR and SSIM over the face region (the central half of the frame, where
/// the aligned crop puts the face) at yaw 0, ±15°, ±30° and pitch ±15°, and each sampler's render time in process
/// (median over views × repeats, every core). Writes a Markdown table; --out also writes every render as PNG.
/// </summary>
internal static class QualityEvaluation
{
    private static readonly (float Yaw, float Pitch)[] Views = [(0, 0), (15, 0), (-15, 0), (30, 0), (-30, 0), (0, 15), (0, -15)];

    private sealed record Sampler(string Name, Func<RenderRequest, RenderRequest> Apply);

    private static readonly Sampler Converged = new("128+128", r => r with { Samples = new SampleCounts(128, 128) });

    private static readonly Sampler[] Samplers =
    [
        new("live", r => r with { Live = LiveSampling.ForOutput(r.Width) }),
        new("6+6", r => r with { Samples = new SampleCounts(6, 6) }),
        new("8+8", r => r with { Samples = new SampleCounts(8, 8) }),
        new("48+48", r => r with { Samples = new SampleCounts(48, 48) }),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        int size = 256, repeat = 3;
        string? output = null;
        var model = ReliefBundle.Name;
        var portraits = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--portrait": portraits.Add(args[++i]); break;
                case "--out": output = args[++i]; break;
                case "--model": model = args[++i]; break;
                default: await Console.Error.WriteLineAsync($"quality: unknown option '{args[i]}'"); return 2;
            }
        }
        if (portraits.Count == 0)
        {
            portraits.Add(PortraitScene.CommittedPortrait);
        }
        if (output is not null) Directory.CreateDirectory(output);

        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance);
        using var bundle = BuiltInBundles.Load(model, sessions);
        using var detector = new BlazeFaceDetector(sessions);
        var renderer = new CpuVolumeRenderer();
        var times = Samplers.ToDictionary(s => s.Name, _ => new List<double>());
        var cpuTimes = Samplers.ToDictionary(s => s.Name, _ => new List<double>());
        Triplanes? lastPlanes = null;
        Console.WriteLine($"| portrait | view | {string.Join(" | ", Samplers.Select(s => $"{s.Name} PSNR / SSIM"))} |");
        Console.WriteLine($"|---|---|{string.Concat(Samplers.Select(_ => "---|"))}");
        foreach (var path in portraits)
        {
            var planes = await PortraitScene.EncodeAsync(path, bundle, detector);
            lastPlanes = planes;
            var region = new PixelRegion(size / 4, size / 4, size / 2, size / 2);
            foreach (var (yaw, pitch) in Views)
            {
                var basis = new RenderRequest(planes, bundle.Decoder, bundle.Rendering, new CameraView(yaw, pitch), size, size);
                var reference = Render(renderer, Converged.Apply(basis), 0, [], []).ToRgbImage();
                var cells = new List<string>();
                foreach (var sampler in Samplers)
                {
                    var picture = Render(renderer, sampler.Apply(basis), repeat, times[sampler.Name], cpuTimes[sampler.Name]).ToRgbImage();
                    cells.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{ImageQuality.Psnr(picture, reference, region):0.0} / {ImageQuality.Ssim(picture, reference, region):0.000}"));
                    if (output is not null)
                    {
                        await ImageFiles.WritePngAsync(picture, Path.Combine(output, $"{Path.GetFileNameWithoutExtension(path)}_y{yaw}_p{pitch}_{sampler.Name}.png"));
                    }
                }
                if (output is not null)
                {
                    await ImageFiles.WritePngAsync(reference, Path.Combine(output, $"{Path.GetFileNameWithoutExtension(path)}_y{yaw}_p{pitch}_{Converged.Name}.png"));
                }
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {Path.GetFileName(path)} | yaw {yaw}°, pitch {pitch}° | {string.Join(" | ", cells)} |"));
            }
        }
        Console.WriteLine();
        Console.WriteLine($"Render time at {size}² on the CPU renderer, every core ({Environment.ProcessorCount}), median over views × {repeat}:");
        foreach (var sampler in Samplers)
        {
            var sorted = times[sampler.Name].Order().ToArray();
            var cpu = cpuTimes[sampler.Name].Order().ToArray();
            double median = sorted[sorted.Length / 2];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- {sampler.Name}: wall {median:0.0} ms ({1000 / median:0.0} frames/s), min {sorted[0]:0.0} ms; CPU {cpu[cpu.Length / 2]:0.0} ms per frame (median)"));
        }
        if (lastPlanes is not null)
        {
            Console.WriteLine($"Live video at {size}² (the last portrait, one frame per 1° of yaw from −30° to +30°), CPU renderer:");
            foreach (bool follows in new[] { false, true })
            {
                var (wall, cpu) = Sweep(renderer, lastPlanes, bundle, size, follows);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"- {(follows ? "following frames (temporal seeds)" : "independent frames")}: wall {wall:0.0} ms ({1000 / wall:0.0} frames/s), CPU {cpu:0.0} ms per frame (medians)"));
            }
        }
        Console.WriteLine($"Load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>A live-video sweep: 61 frames, yaw −30° … +30°, each frame following the last or not; median wall and CPU ms.</summary>
    private static (double Wall, double Cpu) Sweep(CpuVolumeRenderer renderer, Triplanes planes, ModelBundle bundle, int size, bool follows)
    {
        var target = RenderTarget.Allocate(size, size);
        var (walls, cpus) = (new List<double>(), new List<double>());
        for (int yaw = -30; yaw <= 30; yaw++)
        {
            var request = new RenderRequest(planes, bundle.Decoder, bundle.Rendering, new CameraView(yaw, 0), size, size)
            {
                Live = LiveSampling.ForOutput(size),
                FollowsPreviousFrame = follows,
            };
            TimedRender(renderer, request, target, walls, cpus);
        }
        return (walls.Order().ElementAt(walls.Count / 2), cpus.Order().ElementAt(cpus.Count / 2));
    }

    /// <summary>Renders once to warm up, then <paramref name="repeat"/> timed times (<see cref="CpuClock"/>).</summary>
    private static RenderTarget Render(CpuVolumeRenderer renderer, RenderRequest request, int repeat, List<double> times, List<double> cpuTimes)
    {
        var target = RenderTarget.Allocate(request.Width, request.Height);
        renderer.Render(request, target);
        for (int i = 0; i < repeat; i++)
        {
            TimedRender(renderer, request, target, times, cpuTimes);
        }
        return target;
    }

    /// <summary>One render, its wall and process CPU milliseconds appended to the lists.</summary>
    private static void TimedRender(CpuVolumeRenderer renderer, RenderRequest request, RenderTarget target, List<double> walls, List<double> cpus)
    {
        var (wall, cpu) = CpuClock.Measure(() => renderer.Render(request, target));
        walls.Add(wall);
        cpus.Add(cpu);
    }
}
