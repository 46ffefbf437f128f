namespace PortraitStream.Renderer;

/// <summary>
/// Renders a triplane radiance field from a viewpoint into a caller-owned target. Implementations: the CPU reference
/// (<see cref="CpuVolumeRenderer"/>) and the Vulkan compute renderer, which must match it to tolerance.
/// Both validate with <see cref="RenderRequest.Validate"/> and throw <see cref="ArgumentException"/> before any work.
/// </summary>
public interface IVolumeRenderer
{
    /// <summary>A short name for logs and stats ("cpu", "vulkan").</summary>
    string Name { get; }

    void Render(RenderRequest request, RenderTarget target);
}
