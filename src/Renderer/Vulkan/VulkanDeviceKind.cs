namespace PortraitStream.Renderer.Vulkan;

/// <summary>Device kinds in order of preference: a discrete GPU first, a CPU implementation (lavapipe) last.</summary>
public enum VulkanDeviceKind { DiscreteGpu, IntegratedGpu, VirtualGpu, Cpu, Other }
