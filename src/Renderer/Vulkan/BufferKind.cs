namespace PortraitStream.Renderer.Vulkan;

/// <summary>What a buffer is for, which decides its usage flags and memory type.</summary>
internal enum BufferKind
{
    /// <summary>Shader storage in device-local memory, filled and drained by transfers.</summary>
    Storage,
    /// <summary>Host-written source of uploads (host-visible, coherent if possible): copied from, or read by a shader.</summary>
    Upload,
    /// <summary>Host-read destination of readbacks (host-visible, cached if possible).</summary>
    Readback,
}
