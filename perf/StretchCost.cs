using System.Globalization;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Perf;

/// <summary>
/// `stretch-cost [--size N] [--repeat N] [--yaw DEG]`: what the stretch-smoothing pass adds to a frame of the default
/// model (<see cref="Renderer.Scene.RenderingConfig.SmoothStretch"/>): the committed portrait rendered live on the CPU
/// at yaw DEG (30) with the pass and without it, alternated on one renderer each, process CPU time and wall time per
/// frame, and the share of pixels the pass changed.
/// </summary>
internal static class StretchCost
{
    public static int Run(string[] args)
    {
        int size = 256, repeat = 21;
        float yaw = 30f;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size" when i + 1 < args.Length: size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat" when i + 1 < args.Length: repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--yaw" when i + 1 < args.Length: yaw = float.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"stretch-cost: unknown option '{args[i]}' (--size N, --repeat N, --yaw DEG)"); return 2;
            }
        }
        var smoothed = PortraitScene.Request(size, new CameraView(yaw, 0f)) with { Live = LiveSampling.ForOutput(size), FollowsPreviousFrame = true };
        if (!smoothed.Rendering.SmoothStretch)
        {
            Console.Error.WriteLine("stretch-cost: the default model does not ask for stretch smoothing");
            return 1;
        }
        var plain = smoothed with { Rendering = smoothed.Rendering with { SmoothStretch = false } };
        var (withPass, withoutPass) = (new CpuVolumeRenderer(), new CpuVolumeRenderer());
        var (a, b) = (RenderTarget.Allocate(size, size), RenderTarget.Allocate(size, size));
        withPass.Render(smoothed, a);
        withoutPass.Render(plain, b);
        var (cpuWith, cpuWithout, wallWith, wallWithout) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (int i = 0; i < repeat; i++)
        {
            var (wall, cpu) = CpuClock.Measure(() => withPass.Render(smoothed, a));
            cpuWith.Add(cpu);
            wallWith.Add(wall);
            (wall, cpu) = CpuClock.Measure(() => withoutPass.Render(plain, b));
            cpuWithout.Add(cpu);
            wallWithout.Add(wall);
        }
        int changed = 0;
        for (int p = 0; p < size * size; p++)
        {
            if (!a.Rgba.AsSpan(4 * p, 4).SequenceEqual(b.Rgba.AsSpan(4 * p, 4)))
            {
                changed++;
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Default model, committed portrait, live sampler, {size}², yaw {yaw}°, CPU, {Environment.ProcessorCount} cores, {repeat} frames each, load {File.ReadAllText("/proc/loadavg").Trim()}"));
        Console.WriteLine("| frame | CPU time (median, min) | wall time (median, min) |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| with stretch smoothing | {Median.Of(cpuWith):0.0} ms, {cpuWith.Min():0.0} ms | {Median.Of(wallWith):0.0} ms, {wallWith.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| without | {Median.Of(cpuWithout):0.0} ms, {cpuWithout.Min():0.0} ms | {Median.Of(wallWithout):0.0} ms, {wallWithout.Min():0.0} ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"The pass: +{Median.Of(cpuWith) - Median.Of(cpuWithout):0.0} ms CPU, +{Median.Of(wallWith) - Median.Of(wallWithout):0.0} ms wall a frame (medians); it changed {100.0 * changed / (size * size):0.0} % of the pixels"));
        return 0;
    }
}
