namespace PortraitStream.Renderer;

/// <summary>Which renderer to use (<c>--renderer vulkan|cpu|auto</c>, server option Renderer:Kind).</summary>
public enum RendererKind
{
    /// <summary>Vulkan when a device exists, else the CPU reference (logged once).</summary>
    Auto,
    /// <summary>Vulkan or fail: no silent fallback when a GPU was asked for.</summary>
    Vulkan,
    /// <summary>The CPU reference renderer.</summary>
    Cpu,
}
