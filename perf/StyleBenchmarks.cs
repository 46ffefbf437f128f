using BenchmarkDotNet.Attributes;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Perf;

/// <summary>
/// What a render style costs (issue #15's target: ≤ 10 % extra render time): one live-sampler frame of the committed
/// portrait (<see cref="PortraitScene"/>, 256², yaw 15°, the server's default) unstyled (the baseline) and in each style,
/// side by side on the same renderer, so the Ratio column is the style's cost. On the CPU the style pass is
/// <see cref="StyleShading"/>; on Vulkan it is Shaders/style.comp inside the same command buffer.
/// <c>dotnet run -c Release --project perf -- --filter '*StyleBenchmarks*'</c> (needs ffmpeg; Vulkan needs a device).
/// </summary>
[MinColumn, MedianColumn, MaxColumn]
public class StyleBenchmarks
{
    private const int Size = 256;
    private IVolumeRenderer _renderer = null!;
    private VulkanDevice? _device;
    private RenderRequest _request = null!;
    private RenderTarget _target = null!;

    [Params("cpu", "vulkan")]
    public string Renderer { get; set; } = "";

    [Params(RenderStyle.Toon, RenderStyle.Outline, RenderStyle.Hologram, RenderStyle.Sketch)]
    public RenderStyle Style { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _request = PortraitScene.Request(Size, new CameraView(15, 0)) with { Live = LiveSampling.ForOutput(Size) };
        _target = RenderTarget.Allocate(Size, Size);
        if (Renderer == "vulkan")
        {
            _device = VulkanDevice.Create();
            _renderer = new VulkanVolumeRenderer(_device);
        }
        else
        {
            _renderer = new CpuVolumeRenderer();
        }
    }

    [Benchmark(Baseline = true)]
    public void Unstyled() => _renderer.Render(_request, _target);

    [Benchmark]
    public void Styled() => _renderer.Render(_request with { Style = Style }, _target);

    [GlobalCleanup]
    public void Cleanup()
    {
        (_renderer as IDisposable)?.Dispose();
        _device?.Dispose();
    }
}
