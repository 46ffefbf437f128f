using System.Globalization;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Perf;

/// <summary>
/// `stereo-cost [--size N] [--repeat N] [--quality live|reference] [--style NAME] [--renderer cpu|vulkan]`: what stereo
/// costs, mono and side-by-side stereo (2 × N²) of the committed portrait's relief alternated render by render in one
/// process (so both see the same load), as the live pipeline renders them (live sampler at
/// <see cref="LiveSampling.ForOutput"/>, each frame following the previous; or the reference sampler at 8 + 8), in
/// the style given (none by default). Prints the time per frame of each and the ratio stereo / mono, against issue
/// #15's target of ≤ 1.6× (the eyes share the field, decoder and occupancy grid, and on the CPU live, the left eye's
/// geometry: <c>CrossEyeGeometry</c>). The CPU is measured in process CPU time; Vulkan in wall time per frame (upload,
/// one submission, wait, readback) with the last frame's GPU time and what the stereo frame submitted, uploaded and
/// dispatched (<see cref="VulkanVolumeRenderer.LastFrameWork"/>).
/// </summary>
internal static class StereoCost
{
    private const double Target = 1.6;

    public static int Run(string[] args)
    {
        int size = 256, repeat = 9;
        bool live = true, vulkan = false;
        var style = RenderStyle.None;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--quality" when i + 1 < args.Length && args[i + 1] is "live" or "reference": live = args[++i] == "live"; break;
                case "--renderer" when i + 1 < args.Length && args[i + 1] is "cpu" or "vulkan": vulkan = args[++i] == "vulkan"; break;
                case "--style" when i + 1 < args.Length && RenderStyleNames.TryParse(args[i + 1], out style): i++; break;
                default:
                    Console.Error.WriteLine($"stereo-cost: unknown option '{args[i]}' (--size N, --repeat N, --quality live|reference, --style {string.Join('|', RenderStyleNames.Names)}, --renderer cpu|vulkan)");
                    return 2;
            }
        }
        var scene = PortraitScene.Request(size, new CameraView(10f, 5f)) with { Style = style };
        var mono = live
            ? scene with { Live = LiveSampling.ForOutput(size), FollowsPreviousFrame = true }
            : scene with { Samples = new SampleCounts(8, 8) };
        var stereo = mono with { Stereo = StereoRig.Default };
        using var device = vulkan ? VulkanDevice.Create() : null;
        // One renderer each, so each keeps its own previous frame to seed from, as a session would.
        using var monoRenderer = new OwnedRenderer(device);
        using var stereoRenderer = new OwnedRenderer(device);
        var monoTarget = RenderTarget.Allocate(mono.TargetWidth, size);
        var stereoTarget = RenderTarget.Allocate(stereo.TargetWidth, size);
        monoRenderer.Value.Render(mono, monoTarget);
        stereoRenderer.Value.Render(stereo, stereoTarget);
        var monoMs = new List<double>();
        var stereoMs = new List<double>();
        for (int i = 0; i < repeat; i++)
        {
            monoMs.Add(Cost(CpuClock.Measure(() => monoRenderer.Value.Render(mono, monoTarget)), vulkan));
            stereoMs.Add(Cost(CpuClock.Measure(() => stereoRenderer.Value.Render(stereo, stereoTarget)), vulkan));
        }
        double monoMedian = monoMs.Order().ElementAt(monoMs.Count / 2), stereoMedian = stereoMs.Order().ElementAt(stereoMs.Count / 2);
        string measure = vulkan ? $"Vulkan on {device!.Info.Name}, wall" : $"CPU, {Environment.ProcessorCount} cores, CPU";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Relief portrait, {(live ? "live sampler" : "reference 8 + 8")}, style {RenderStyleNames.Name(style)}, {measure} time, {repeat} frames each, load {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine("| frame | time / frame (median, min) |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| mono {size}² | {monoMedian:0.0} ms, {monoMs.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| stereo 2 × {size}² | {stereoMedian:0.0} ms, {stereoMs.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stereo / mono: {stereoMedian / monoMedian:0.00}× (target ≤ {Target}×)"));
        if (stereoRenderer.Value is VulkanVolumeRenderer gpu && monoRenderer.Value is VulkanVolumeRenderer monoGpu)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GPU time of the last frame (timestamp queries): mono {monoGpu.LastGpuMilliseconds:0.00} ms, stereo {gpu.LastGpuMilliseconds:0.00} ms"));
            Console.WriteLine($"Stereo frame: {gpu.LastFrameWork}");
        }
        return 0;
    }

    private static double Cost((double WallMs, double CpuMs) measured, bool vulkan) => vulkan ? measured.WallMs : measured.CpuMs;

    /// <summary>A CPU renderer, or a Vulkan one on <paramref name="device"/>, released with the harness.</summary>
    private sealed class OwnedRenderer(VulkanDevice? device) : IDisposable
    {
        public IVolumeRenderer Value { get; } = device is null ? new CpuVolumeRenderer() : new VulkanVolumeRenderer(device);

        public void Dispose() => (Value as IDisposable)?.Dispose();
    }
}
