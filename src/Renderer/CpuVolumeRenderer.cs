using System.Collections.Concurrent;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Compositing;
using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Sampling;

namespace PortraitStream.Renderer;

/// <summary>
/// The CPU reference renderer: EG3D's volume rendering, parallel over image rows. Each pixel depends only on the
/// request and its own index (counter-based RNG), so output bytes are identical for any thread count.
/// Frame-sized state (repacked planes, transposed decoder) and per-worker scratch are kept between renders; renders on
/// one instance run one at a time.
/// </summary>
public sealed class CpuVolumeRenderer : IVolumeRenderer
{
    private readonly ParallelOptions _parallel;
    private readonly TriplaneField _field = new();
    private readonly RadianceDecoder _decoder = new();
    private readonly ConcurrentBag<RayScratch> _scratchPool = [];
    private readonly Lock _gate = new();

    /// <param name="maxDegreeOfParallelism">Worker threads; −1 uses every core.</param>
    public CpuVolumeRenderer(int maxDegreeOfParallelism = -1)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "use −1 (all cores) or a positive thread count");
        }
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
    }

    public string Name => "cpu";

    public void Render(RenderRequest request, RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(target);
        lock (_gate)
        {
            var rendering = request.Rendering;
            var counts = request.EffectiveSamples;
            _field.Load(request.Triplanes, rendering.BoxWarp);
            _decoder.Load(request.Decoder);
            var camera = PinholeCamera.For(request.View, rendering, request.Width, request.Height);
            var integrator = new RayIntegrator(_field, _decoder, counts, rendering.DensityBias, request.Seed);
            Parallel.For(0, request.Height, _parallel,
                () => RentScratch(counts),
                (y, _, scratch) =>
                {
                    RenderRow(y, camera, rendering.BoxWarp, integrator, scratch, target);
                    return scratch;
                },
                _scratchPool.Add);
        }
    }

    private static void RenderRow(int y, in PinholeCamera camera, float boxWarp, RayIntegrator integrator, RayScratch scratch, RenderTarget target)
    {
        var rgba = target.Rgba.AsSpan(y * camera.Width * 4, camera.Width * 4);
        var depth = target.Depth is null ? Span<float>.Empty : target.Depth.AsSpan(y * camera.Width, camera.Width);
        for (int x = 0; x < camera.Width; x++)
        {
            var ray = camera.PixelRay(x, y);
            var segment = RaySegment.Clip(ray, boxWarp, camera.Near, camera.Far);
            var result = segment.IsEmpty
                ? CompositedRay.Background
                : integrator.Integrate(ray, segment, (uint)(y * camera.Width + x), scratch);
            rgba[4 * x] = ToByte(result.R);
            rgba[4 * x + 1] = ToByte(result.G);
            rgba[4 * x + 2] = ToByte(result.B);
            rgba[4 * x + 3] = ToByte(result.Opacity);
            if (!depth.IsEmpty)
            {
                depth[x] = result.Depth;
            }
        }
    }

    private RayScratch RentScratch(SampleCounts counts)
    {
        while (_scratchPool.TryTake(out var scratch))
        {
            if (scratch.Fits(counts, _field.Channels, _decoder.Hidden))
            {
                return scratch;
            }
        }
        return new RayScratch(counts, _field.Channels, _decoder.Hidden);
    }

    /// <summary>[0, 1] to 0…255, rounding to nearest; EG3D's colours overshoot [0, 1] by 0.001, hence the clamp.</summary>
    private static byte ToByte(float value) => (byte)Math.Clamp((int)(value * 255f + 0.5f), 0, 255);
}
