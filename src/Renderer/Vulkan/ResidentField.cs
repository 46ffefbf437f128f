using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Vulkan;

/// <summary>
/// What one renderer's device buffers hold (<see cref="FrameResources"/>: the repacked planes, the decoder, the live
/// occupancy grid), so that a request for the same field (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>) after
/// <see cref="VulkanVolumeRenderer.PrepareField"/> or an earlier render of it skips the upload, the repack and the grid
/// passes, as the CPU renderer keeps its loaded field. The field is known by the <see cref="Triplanes"/> and
/// <see cref="DecoderWeights"/> objects it was uploaded from (the caller promises their contents did not change); each
/// upload moves the generation on, and the grid remembers the generation it was built on, so a grid is never taken for
/// another field's even when every setting matches. Only what a finished submission wrote is recorded.
/// </summary>
internal sealed class ResidentField
{
    private (Triplanes? Planes, DecoderWeights? Decoder) _field;
    private long _generation;
    private (long Generation, float BoxWarp, float DensityBias, int Resolution)? _grid;

    /// <summary>What a submission for <paramref name="request"/> must write: the field (host upload, decoder copy,
    /// repack) unless the request may keep the one held, and, live, the grid unless it was built on that field with the
    /// request's settings.</summary>
    public FieldWork WorkFor(RenderRequest request)
    {
        bool upload = !(request.SameFieldAsPreviousFrame && ReferenceEquals(_field.Planes, request.Triplanes)
            && ReferenceEquals(_field.Decoder, request.Decoder));
        long generation = upload ? _generation + 1 : _generation;
        bool grid = request.Live is { } live && _grid != GridKey(generation, request, live);
        return new FieldWork(upload, grid);
    }

    /// <summary>
    /// Bit p set: plane p of the field on the device (or being uploaded) holds only zeros
    /// (<see cref="Triplanes.IsZeroPlane"/>); the push constants tell the kernels to leave it unsampled.
    /// </summary>
    public uint ZeroPlanes { get; private set; }

    /// <summary>Before recording <paramref name="work"/> for <paramref name="request"/>: what it overwrites is forgotten,
    /// so a submission that fails half-way leaves nothing a later request could take for held; an upload's zero planes
    /// are noted.</summary>
    public void Overwriting(RenderRequest request, FieldWork work)
    {
        if (work.Upload)
        {
            _field = default;
            ZeroPlanes = ZeroPlanesOf(request.Triplanes);
        }
        if (work.Grid)
        {
            _grid = null;
        }
    }

    /// <summary>After <paramref name="work"/>'s submission for <paramref name="request"/> finished.</summary>
    public void Written(RenderRequest request, FieldWork work)
    {
        if (work.Upload)
        {
            _field = (request.Triplanes, request.Decoder);
            _generation++;
        }
        if (work.Grid && request.Live is { } live)
        {
            _grid = GridKey(_generation, request, live);
        }
    }

    /// <summary>The buffers were replaced or released: they hold nothing.</summary>
    public void Forget() => (_field, _grid) = (default, null);

    private static uint ZeroPlanesOf(Triplanes planes)
    {
        uint mask = 0;
        for (int plane = 0; plane < planes.Layout.Planes; plane++)
        {
            mask |= planes.IsZeroPlane(plane) ? 1u << plane : 0u;
        }
        return mask;
    }

    private static (long, float, float, int) GridKey(long generation, RenderRequest request, LiveSampling live) =>
        (generation, request.Rendering.BoxWarp, request.Rendering.DensityBias, live.GridResolution);
}
