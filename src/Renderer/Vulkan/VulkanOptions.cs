namespace PortraitStream.Renderer.Vulkan;

/// <summary>How the shared <see cref="VulkanDevice"/> is created.</summary>
public sealed record VulkanOptions
{
    /// <summary>The environment variable that turns validation on without code changes ("1" or "true").</summary>
    public const string ValidationVariable = "PORTRAIT_VULKAN_VALIDATION";

    /// <summary>Enable VK_LAYER_KHRONOS_validation when it is installed (a warning otherwise). Off by default: it
    /// costs far more than the renderer itself.</summary>
    public bool Validation { get; init; } = Environment.GetEnvironmentVariable(ValidationVariable) is "1" or "true";

    /// <summary>Use the first device whose name contains this text instead of the best-ranked one.</summary>
    public string? DeviceName { get; init; }

    /// <summary>How long a frame may take before the renderer gives up waiting; null: 60 s on a GPU, 10 min on a CPU
    /// implementation such as lavapipe, where a 512² EG3D frame alone takes minutes on two busy cores.</summary>
    public TimeSpan? FrameTimeout { get; init; }
}
