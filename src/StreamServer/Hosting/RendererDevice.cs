using PortraitStream.Renderer;

namespace PortraitStream.Server.Hosting;

/// <summary>How the readiness probe and the info metric name what renders.</summary>
internal static class RendererDevice
{
    /// <summary>The Vulkan device's name, or "CPU reference renderer".</summary>
    public static string Describe(VolumeRendererFactory renderers) =>
        renderers.Device is { } device ? $"Vulkan device {device.Info.Name}" : "CPU reference renderer";
}
