using System.Globalization;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Perf;

/// <summary>
/// `stereo-cost [--size N] [--repeat N] [--quality live|reference]`: what stereo costs on the CPU renderer, mono and
/// side-by-side stereo (2 × N²) of the committed portrait's relief alternated render by render in one process (so both
/// see the same load), as the live pipeline renders them (live sampler at <see cref="LiveSampling.ForOutput"/>, each
/// frame following the previous; or the reference sampler at 8 + 8). Prints the CPU time per frame of each and the
/// ratio stereo / mono, against issue #15's target of ≤ 1.6× (the eyes share the field, decoder and occupancy grid,
/// and live, the left eye's geometry: <c>CrossEyeGeometry</c>).
/// </summary>
internal static class StereoCost
{
    private const double Target = 1.6;

    public static int Run(string[] args)
    {
        int size = 256, repeat = 9;
        bool live = true;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size": size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat": repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--quality" when args[i + 1] is "live" or "reference": live = args[++i] == "live"; break;
                default: Console.Error.WriteLine($"stereo-cost: unknown option '{args[i]}' (--size N, --repeat N, --quality live|reference)"); return 2;
            }
        }
        var scene = PortraitScene.Request(size, new CameraView(10f, 5f));
        var mono = live
            ? scene with { Live = LiveSampling.ForOutput(size), FollowsPreviousFrame = true }
            : scene with { Samples = new SampleCounts(8, 8) };
        var stereo = mono with { Stereo = StereoRig.Default };
        // One renderer each, so each keeps its own previous frame to seed from, as a session would.
        var monoRenderer = new CpuVolumeRenderer();
        var stereoRenderer = new CpuVolumeRenderer();
        var monoTarget = RenderTarget.Allocate(mono.TargetWidth, size);
        var stereoTarget = RenderTarget.Allocate(stereo.TargetWidth, size);
        monoRenderer.Render(mono, monoTarget);
        stereoRenderer.Render(stereo, stereoTarget);
        var monoMs = new List<double>();
        var stereoMs = new List<double>();
        for (int i = 0; i < repeat; i++)
        {
            monoMs.Add(CpuClock.Measure(() => monoRenderer.Render(mono, monoTarget)).CpuMs);
            stereoMs.Add(CpuClock.Measure(() => stereoRenderer.Render(stereo, stereoTarget)).CpuMs);
        }
        double monoMedian = monoMs.Order().ElementAt(monoMs.Count / 2), stereoMedian = stereoMs.Order().ElementAt(stereoMs.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Relief portrait, {(live ? "live sampler" : "reference 8 + 8")}, {Environment.ProcessorCount} cores, {repeat} frames each, load {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine("| frame | CPU / frame (median, min) |");
        Console.WriteLine("|---|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| mono {size}² | {monoMedian:0.0} ms, {monoMs.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| stereo 2 × {size}² | {stereoMedian:0.0} ms, {stereoMs.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Stereo / mono: {stereoMedian / monoMedian:0.00}× (target ≤ {Target}×)"));
        return 0;
    }
}
