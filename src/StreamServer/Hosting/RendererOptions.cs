using PortraitStream.Renderer;

namespace PortraitStream.Server.Hosting;

/// <summary>Volume renderer settings (configuration section "Renderer").</summary>
internal sealed class RendererOptions
{
    public const string Section = "Renderer";

    /// <summary>Auto (Vulkan when a device exists, else CPU), Vulkan (fail at start without a device), or Cpu.</summary>
    public RendererKind Kind { get; set; } = RendererKind.Auto;

    /// <summary>Enable VK_LAYER_KHRONOS_validation when installed (slow; for debugging).</summary>
    public bool Validation { get; set; }

    /// <summary>Use the first Vulkan device whose name contains this text instead of the best-ranked one.</summary>
    public string? DeviceName { get; set; }
}
