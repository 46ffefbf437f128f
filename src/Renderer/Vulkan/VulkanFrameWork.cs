namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// What the renderer's last frame did, counted where it was done: queue submissions (<c>vkQueueSubmit</c>), host
/// uploads of the triplanes and of the decoder weights into the mapped upload buffers, and compute dispatches per kernel
/// (<c>pack</c>, <c>render</c>, <c>live_corners</c>, <c>live_cells</c>, <c>live</c>, <c>style</c>). A stereo frame
/// is one submission with one upload of each and one occupancy grid, and one render (or live) and style dispatch per
/// eye: the tests and <c>perf stereo-cost --renderer vulkan</c> read it. A frame of the field already on the device
/// (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>, after <see cref="VulkanVolumeRenderer.PrepareField"/>) uploads
/// nothing and dispatches no pack or grid kernel.
/// </summary>
public sealed record VulkanFrameWork(int Submissions, int PlaneUploads, int DecoderUploads, IReadOnlyDictionary<string, int> Dispatches)
{
    public static VulkanFrameWork None { get; } = new(0, 0, 0, new Dictionary<string, int>());

    /// <summary>Dispatches of <paramref name="kernel"/> in the frame (0 when it did not run).</summary>
    public int DispatchesOf(string kernel) => Dispatches.GetValueOrDefault(kernel);

    public override string ToString() =>
        $"{Submissions} submission(s), {PlaneUploads} plane upload(s), {DecoderUploads} decoder upload(s), dispatches: "
        + string.Join(", ", Dispatches.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key} × {d.Value}"));
}
