using BenchmarkDotNet.Attributes;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Perf;

/// <summary>
/// One frame of <see cref="SyntheticScene.Eg3d"/> (EG3D-sized planes and decoder, 48 + 48 samples) on the Vulkan renderer, with
/// the CPU reference as the baseline in the same run, so the Ratio column survives a noisy machine. A Vulkan frame
/// includes everything a session pays: packing the planes into upload memory, the copy, the kernel, readback.
/// The GPU-only time (timestamp queries) of the last frame is printed at cleanup.
/// Run briefly (frames take seconds on lavapipe):
/// <c>dotnet run -c Release --project perf -- --filter '*VulkanRenderer*' --inProcess --warmupCount 1 --iterationCount 3 --invocationCount 1 --unrollFactor 1</c>
/// </summary>
[MinColumn, MedianColumn, MaxColumn]
public class VulkanRendererBenchmarks
{
    private readonly CpuVolumeRenderer _cpu = new();
    private VulkanDevice _device = null!;
    private VulkanVolumeRenderer _vulkan = null!;
    private RenderRequest _request = null!;
    private RenderTarget _target = null!;

    [Params(256, 512)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _device = VulkanDevice.Create();
        _vulkan = new VulkanVolumeRenderer(_device);
        _request = SyntheticScene.Eg3d(Size);
        _target = RenderTarget.Allocate(Size, Size, withDepth: true);
    }

    [Benchmark(Baseline = true)]
    public void Cpu() => _cpu.Render(_request, _target);

    [Benchmark]
    public void Vulkan() => _vulkan.Render(_request, _target);

    [GlobalCleanup]
    public void Cleanup()
    {
        if (!double.IsNaN(_vulkan.LastGpuMilliseconds))
        {
            Console.WriteLine($"// Vulkan {Size}²: device {_device.Info.Name}, last frame GPU time {_vulkan.LastGpuMilliseconds:0.0} ms (timestamp queries)");
        }
        _vulkan.Dispose();
        _device.Dispose();
    }
}
