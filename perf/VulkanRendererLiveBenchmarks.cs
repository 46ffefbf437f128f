using BenchmarkDotNet.Attributes;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Perf;

/// <summary>
/// One live-sampler frame (<see cref="LiveSampling.ForOutput"/>) at 512² on the Vulkan renderer, with the CPU live
/// sampler as the baseline: on <see cref="SyntheticScene.Relief"/> (the relief encoder's sizes, smooth random fields)
/// and on the relief encoder's triplanes of the committed portrait (<see cref="PortraitScene"/>; needs ffmpeg and the
/// bundle). A Vulkan frame includes upload, repack, occupancy grid, the fused live kernel and readback; the GPU time of
/// the last frame (timestamp queries, <see cref="VulkanVolumeRenderer.LastGpuMilliseconds"/>) is printed at cleanup.
/// <c>dotnet run -c Release --project perf -- --filter '*VulkanRenderer*' --job short</c> runs these and
/// <see cref="VulkanRendererBenchmarks"/>.
/// </summary>
[MinColumn, MedianColumn, MaxColumn]
public class VulkanRendererLiveBenchmarks
{
    private const int Size = 512;
    private readonly CpuVolumeRenderer _cpu = new();
    private VulkanDevice? _device;
    private VulkanVolumeRenderer? _vulkan;
    private RenderRequest _request = null!;
    private RenderTarget _target = null!;

    [Params("relief-synthetic", "portrait")]
    public string Scene { get; set; } = "";

    [GlobalSetup(Target = nameof(Cpu))]
    public void SetupCpu() => SetupScene();

    [GlobalSetup(Target = nameof(Vulkan))]
    public void SetupVulkan()
    {
        SetupScene();
        _device = VulkanDevice.Create();
        _vulkan = new VulkanVolumeRenderer(_device);
    }

    private void SetupScene()
    {
        var request = Scene == "portrait"
            ? PortraitScene.Request(Size, new CameraView(20f, -5f))
            : SyntheticScene.Relief(Size, new SampleCounts(6, 6));
        _request = request with { Live = LiveSampling.ForOutput(request.Width) };
        _target = RenderTarget.Allocate(Size, Size, withDepth: true);
    }

    [Benchmark(Baseline = true)]
    public void Cpu() => _cpu.Render(_request, _target);

    [Benchmark]
    public void Vulkan() => _vulkan!.Render(_request, _target);

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_vulkan is not null && _device is not null && !double.IsNaN(_vulkan.LastGpuMilliseconds))
        {
            Console.WriteLine($"// Vulkan live {Size}² ({Scene}): device {_device.Info.Name}, last frame GPU time {_vulkan.LastGpuMilliseconds:0.0} ms (timestamp queries)");
        }
        _vulkan?.Dispose();
        _device?.Dispose();
    }
}
