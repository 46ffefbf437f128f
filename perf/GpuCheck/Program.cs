using System.Diagnostics;
using System.Globalization;
using PortraitStream.Perf;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Vulkan;

// Issue #11's GPU check (and #15's stereo and styles on the GPU): the live sampler on the Vulkan renderer at 512² and
// 256², per frame the GPU time from timestamp queries, for
//  - camera frames: a new field each frame (upload, repack, occupancy grid, fused live kernel, readback, one submission),
//  - pose frames: the same field at a new view (the kernel and its readback alone: what "≤ 1 ms in the kernel" reads),
//  - stereo pose frames (2 × N², both eyes in one dispatch) and each style,
//  - the reference sampler (48 + 48) on an EG3D-sized field,
//  - 1 to 16 sessions rendering camera frames at once (the renderer's capacity per GPU),
// and the CPU renderer's picture beside the GPU's (parity, PSNR). Usage: GpuCheck [FIELD] [--frames N]; FIELD is the
// committed portrait's relief field (`perf -- gpu-field`); without it only the synthetic relief-sized field runs.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
string? fieldPath = null;
int frames = 200;
// Untimed frames before each row's timed ones (after one first render): pipelines built, clocks up, temporal reuse warm.
const int warmUpFrames = 20;
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--frames" && i + 1 < args.Length && int.TryParse(args[i + 1], out frames) && frames > 0)
    {
        i++;
    }
    else if (!args[i].StartsWith('-') && fieldPath is null)
    {
        fieldPath = args[i];
    }
    else
    {
        Console.Error.WriteLine($"GpuCheck: unknown option '{args[i]}' (GpuCheck [FIELD] [--frames N])");
        return 2;
    }
}

using var device = VulkanDevice.Create();
var info = device.Info;
Console.WriteLine($"Vulkan device: {info.Name} ({info.Kind}, Vulkan {info.ApiVersion}); {Environment.ProcessorCount} CPU cores; {frames} frames per row after {warmUpFrames} warm-up frames");
if (!info.Timestamps)
{
    Console.Error.WriteLine("GpuCheck: this queue has no timestamp queries; GPU times cannot be read");
    return 1;
}

var view = new CameraView(20f, -5f);
var portrait = fieldPath is null ? null : FieldFile.Read(fieldPath, view, 512);
var rows = new List<string>();
foreach (int size in new[] { 512, 256 })
{
    var scenes = new List<(string Name, RenderRequest Request)>();
    if (portrait is not null)
    {
        scenes.Add(("portrait", portrait with { Width = size, Height = size }));
    }
    scenes.Add(("relief-synthetic", SyntheticScene.Relief(size, new SampleCounts(6, 6)) with { View = view }));
    foreach (var (name, scene) in scenes)
    {
        var live = Live(scene);
        rows.Add(Row($"{name} {size}², camera frame", Measure(live, newField: true)));
        rows.Add(Row($"{name} {size}², pose frame", Measure(live, newField: false)));
        rows.Add(Row($"{name} {size}², stereo 2 × {size}² pose frame", Measure(live with { Stereo = StereoRig.Default }, newField: false)));
        if (size == 512 && name == "portrait")
        {
            foreach (var style in Enum.GetValues<RenderStyle>().Where(s => s != RenderStyle.None))
            {
                rows.Add(Row($"{name} {size}², pose frame, style {RenderStyleNames.Name(style)}", Measure(live with { Style = style }, newField: false)));
            }
        }
        rows.Add($"| {name} {size}², parity: CPU against Vulkan, one fresh frame | PSNR {Parity(live with { FollowsPreviousFrame = false }):0.0} dB | | |");
    }
    // The reference sampler (EG3D's 48 + 48 stratified + importance) on an EG3D-sized field: issue #4's ≤ 3 ms at 512².
    var eg3d = SyntheticScene.Eg3d(size);
    rows.Add(Row($"EG3D-sized {size}², reference 48 + 48, camera frame", Measure(eg3d, newField: true)));
    rows.Add(Row($"EG3D-sized {size}², reference 48 + 48, pose frame", Measure(eg3d, newField: false)));
    rows.Add($"| EG3D-sized {size}², reference 48 + 48, parity: CPU against Vulkan | PSNR {Parity(eg3d):0.0} dB | | |");
}
// Sessions sharing the GPU (docs/deployment.md, capacity per GPU): each renders camera frames of its own at 512² live on
// a thread of its own, as `Pipeline:RenderConcurrency` renders run at once in the server.
var sessionFrame = Live(portrait ?? SyntheticScene.Relief(512, new SampleCounts(6, 6)) with { View = view });
int[] sessionCounts = [1, 2, 4, 8, 16];
var sessionRows = sessionCounts.Select(n => Concurrent(sessionFrame, n)).ToList();

Console.WriteLine($"load {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("| frame | GPU ms (median) | GPU ms (p95) | wall ms (median) |");
Console.WriteLine("|---|---:|---:|---:|");
rows.ForEach(Console.WriteLine);
Console.WriteLine();
Console.WriteLine($"{(fieldPath is null ? "synthetic" : "portrait")} 512² live camera frames, sessions rendering at once (each its own renderer and thread):");
Console.WriteLine("| sessions | frames/s, all together | per frame, wall ms (median) | per frame, wall ms (p95) |");
Console.WriteLine("|---:|---:|---:|---:|");
sessionRows.ForEach(Console.WriteLine);
return 0;

// The live sampler at the server's defaults for the request's size, each frame following the one before.
static RenderRequest Live(RenderRequest scene) =>
    scene with { Live = LiveSampling.ForOutput(scene.Width), Samples = null, FollowsPreviousFrame = true };

// `sessions` renderers on the one device, each rendering its own camera frames (a new field each) on its own thread.
string Concurrent(RenderRequest request, int sessions)
{
    var renderers = Enumerable.Range(0, sessions).Select(_ => new VulkanVolumeRenderer(device)).ToArray();
    var walls = new List<double>[sessions];
    try
    {
        var clock = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, sessions).Select(s => new Thread(() => walls[s] = Measure(request, newField: true, renderers[s]).Wall)).ToArray();
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();
        // The first render and the warm-up frames ran inside the clock too: count them, so the rate is frames over the time they took.
        double rate = sessions * (1 + warmUpFrames + frames) / clock.Elapsed.TotalSeconds;
        var all = walls.SelectMany(w => w).ToList();
        return $"| {sessions} | {rate:0} | {Percentile(all, 0.5):0.00} | {Percentile(all, 0.95):0.00} |";
    }
    finally
    {
        foreach (var renderer in renderers) renderer.Dispose();
    }
}

// Renders warm-up and timed frames of `request` with the view swaying ±3° in yaw (as a head does) so the live sampler's
// temporal reuse works as in a session; a camera frame alternates between two field instances so each one uploads.
(List<double> Gpu, List<double> Wall) Measure(RenderRequest request, bool newField, VulkanVolumeRenderer? shared = null)
{
    using var owned = shared is null ? new VulkanVolumeRenderer(device) : null;
    var renderer = shared ?? owned!;
    var target = RenderTarget.Allocate(request.TargetWidth, request.Height);
    var planes = new[] { request.Triplanes, new Triplanes(request.Triplanes.Layout, request.Triplanes.Data) };
    var gpu = new List<double>();
    var wall = new List<double>();
    renderer.Render(request, target);
    for (int i = 0; i < warmUpFrames + frames; i++)
    {
        var frame = request with
        {
            View = request.View with { YawDegrees = request.View.YawDegrees + 3f * MathF.Sin(i * 0.2f) },
            Triplanes = newField ? planes[i % 2] : request.Triplanes,
            SameFieldAsPreviousFrame = !newField,
        };
        long start = Stopwatch.GetTimestamp();
        renderer.Render(frame, target);
        if (i >= warmUpFrames)
        {
            wall.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            gpu.Add(renderer.LastGpuMilliseconds);
        }
    }
    return (gpu, wall);
}

double Parity(RenderRequest request)
{
    using var vulkan = new VulkanVolumeRenderer(device);
    var gpuTarget = RenderTarget.Allocate(request.TargetWidth, request.Height);
    var cpuTarget = RenderTarget.Allocate(request.TargetWidth, request.Height);
    vulkan.Render(request, gpuTarget);
    new CpuVolumeRenderer().Render(request, cpuTarget);
    return BytePsnr.Of(cpuTarget.Rgba, gpuTarget.Rgba);
}

static string Row(string what, (List<double> Gpu, List<double> Wall) times) =>
    $"| {what} | {Percentile(times.Gpu, 0.5):0.000} | {Percentile(times.Gpu, 0.95):0.000} | {Percentile(times.Wall, 0.5):0.00} |";

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}
