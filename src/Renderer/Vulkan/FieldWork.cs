namespace PortraitStream.Renderer.Vulkan;

/// <summary>What a submission writes of the field on the device: the planes and decoder (<see cref="Upload"/>), the
/// live occupancy grid (<see cref="Grid"/>).</summary>
internal readonly record struct FieldWork(bool Upload, bool Grid)
{
    public bool Any => Upload || Grid;
}
