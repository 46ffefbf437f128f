using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Renderer.Vulkan;

namespace PortraitStream.Renderer;

/// <summary>
/// Decides once, at start-up, which renderer the process uses, and makes one renderer per session. With Vulkan all
/// sessions share one <see cref="VulkanDevice"/>, owned here. <see cref="RendererKind.Auto"/> uses Vulkan on a GPU and
/// the CPU reference otherwise — when no Vulkan device can be created, or when the only one is a CPU implementation
/// (lavapipe), which is slower than the CPU reference — with one log line saying why; <see cref="RendererKind.Vulkan"/>
/// uses any Vulkan device, lavapipe included, and throws when there is none.
/// </summary>
public sealed partial class VolumeRendererFactory : IDisposable
{
    private readonly VulkanDevice? _device;

    public VolumeRendererFactory(RendererKind kind, ILogger<VolumeRendererFactory>? logger = null, VulkanOptions? vulkan = null)
        : this(kind, logger, () => VulkanDevice.Create(vulkan, logger)) { }

    /// <param name="createDevice">How the Vulkan device is made (tests substitute a failing one).</param>
    internal VolumeRendererFactory(RendererKind kind, ILogger? logger, Func<VulkanDevice> createDevice)
    {
        logger ??= NullLogger.Instance;
        if (kind == RendererKind.Cpu)
        {
            Kind = RendererKind.Cpu;
            return;
        }
        try
        {
            _device = createDevice();
            Kind = RendererKind.Vulkan;
            if (kind == RendererKind.Auto && _device.Info.Kind == VulkanDeviceKind.Cpu)
            {
                // A CPU implementation such as lavapipe renders the same pictures several times slower than the CPU
                // reference on the same cores (perf/RESULTS.md): Auto is for speed, so it keeps Vulkan for GPUs.
                Log.CpuDeviceSkipped(logger, _device.Info.Name);
                _device.Dispose();
                _device = null;
                Kind = RendererKind.Cpu;
            }
        }
        catch (Exception e) when (kind == RendererKind.Auto && e is VulkanException or DllNotFoundException)
        {
            Log.FallingBackToCpu(logger, e.Message);
            Kind = RendererKind.Cpu;
        }
        catch (Exception e) when (e is VulkanException or DllNotFoundException)
        {
            throw new VulkanException($"--renderer vulkan: no usable Vulkan device ({e.Message}); use --renderer auto or cpu to render on the CPU", e);
        }
    }

    /// <summary>What sessions get: <see cref="RendererKind.Vulkan"/> or <see cref="RendererKind.Cpu"/>, never Auto.</summary>
    public RendererKind Kind { get; }

    /// <summary>The shared device when <see cref="Kind"/> is Vulkan.</summary>
    public VulkanDevice? Device => _device;

    /// <summary>A renderer for one session; dispose it (if IDisposable) when the session ends.</summary>
    public IVolumeRenderer Create() => _device is not null ? new VulkanVolumeRenderer(_device) : new CpuVolumeRenderer();

    /// <summary>Parses "vulkan", "cpu" or "auto" (any case).</summary>
    public static bool TryParseKind(string? text, out RendererKind kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(text, out _);

    public void Dispose() => _device?.Dispose();

    private static partial class Log
    {
        [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "No Vulkan device ({Reason}); rendering on the CPU")]
        public static partial void FallingBackToCpu(ILogger logger, string reason);

        [LoggerMessage(EventId = 4011, Level = LogLevel.Information,
            Message = "Vulkan device {Name} is a CPU implementation, slower than the CPU reference renderer; rendering on the CPU (Renderer:Kind=Vulkan forces Vulkan)")]
        public static partial void CpuDeviceSkipped(ILogger logger, string name);
    }
}
