using System.Collections.Concurrent;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Compositing;
using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Live;
using PortraitStream.Renderer.Sampling;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Stretch;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Renderer;

/// <summary>
/// The CPU renderer: EG3D's volume rendering (the reference sampler), or the live sampler when the request asks for it
/// (<see cref="RenderRequest.Live"/>, <see cref="LiveFrameRenderer"/>), parallel over image rows. The reference skips
/// provably empty space and stops at opacity (<see cref="SkippingRayIntegrator"/>, <see cref="SkipEmptySpace"/>).
/// Each pixel depends only on the request and its own index (counter-based RNG), so output bytes are identical for
/// any thread count. Stereo renders the eyes one after the other over the frame's shared field, decoder and grid (and,
/// live, the first eye's geometry: <see cref="CrossEyeGeometry"/>).
/// A model painted from one photo (<see cref="RenderingConfig.SmoothStretch"/>) has its turned views' streaks smoothed
/// afterwards by <see cref="StretchSmoothing"/>, and a styled request (<see cref="RenderRequest.Style"/>) is then restyled
/// by <see cref="StyleShading"/> (each stereo eye in its half, from its own camera); both need depth: a target without
/// any renders with the renderer's own.
/// Frame-sized state (repacked planes, transposed decoder) and per-worker scratch are kept between renders; renders on
/// one instance run one at a time. A re-render of the same field (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>)
/// keeps the loaded planes, decoder and occupancy grid, and so does a render after <see cref="PrepareField"/>.
/// </summary>
public sealed class CpuVolumeRenderer : IVolumeRenderer
{
    private readonly ParallelOptions _parallel;
    private readonly TriplaneField _field = new();
    private readonly RadianceDecoder _decoder = new();
    private readonly ConcurrentBag<RayScratch> _scratchPool = [];
    private readonly Lock _gate = new();
    private LiveFrameRenderer? _live;
    private RenderTarget? _eye; // one stereo eye's picture before it is pasted into its half
    private readonly DensityBoundGrid _skipGrid = new();
    private readonly StyleShading _style = new();
    private readonly StretchSmoothing _stretch = new();
    private float[] _scratchDepth = []; // depth for the passes after the render when the target keeps none

    // What the field and decoder hold now, so a request for the same field (RenderRequest.SameFieldAsPreviousFrame)
    // keeps them; the generation moves on with every load, so the live sampler's grid knows which field it was built on.
    private (Triplanes? Planes, DecoderWeights? Decoder, float BoxWarp) _loaded;
    private long _fieldGeneration;

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

    /// <summary>
    /// Whether the reference sampler skips empty space and stops at opacity (<see cref="SkippingRayIntegrator"/>);
    /// off only for tests and measurements that compare with the plain EG3D sampler (<see cref="RayIntegrator"/>).
    /// </summary>
    internal bool SkipEmptySpace { get; set; } = true;

    /// <summary>
    /// Whether the live sampler's second stereo eye takes its geometry from the first eye's where that is one smooth
    /// opaque surface (<see cref="CrossEyeGeometry"/>, styled requests too); off only for tests and measurements that
    /// compare with each eye marched on its own.
    /// </summary>
    internal bool ShareStereoGeometry { get; set; } = true;

    public void Render(RenderRequest request, RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate(target);
        lock (_gate)
        {
            if (request.Style == RenderStyle.None && !request.Rendering.SmoothStretch)
            {
                RenderField(request, target);
                return;
            }
            var depth = target.Depth ?? ScratchDepth(target.Width * target.Height);
            RenderField(request, target.Depth is null ? new RenderTarget(target.Width, target.Height, target.Rgba, depth) : target);
            for (int view = 0; view < request.Views; view++)
            {
                var camera = request.CameraFor(view);
                if (request.Rendering.SmoothStretch)
                {
                    _stretch.Apply(target, depth, camera, view * request.Width, request.TexelSide, _parallel);
                }
                if (request.Style != RenderStyle.None)
                {
                    _style.Apply(request.Style, target, depth, camera, view * request.Width, _parallel);
                }
            }
        }
    }

    /// <summary>Loads the field and decoder and, live, builds the occupancy grid (<see cref="IVolumeRenderer.PrepareField"/>).</summary>
    public void PrepareField(RenderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            LoadField(request);
            if (request.Live is { } live)
            {
                (_live ??= new LiveFrameRenderer()).PrepareGrid(request.Rendering, live, new FieldQuery(_field, _decoder), _fieldGeneration, _parallel);
            }
        }
    }

    private float[] ScratchDepth(int pixels)
    {
        if (_scratchDepth.Length != pixels)
        {
            _scratchDepth = new float[pixels];
        }
        return _scratchDepth;
    }

    /// <summary>The volume render itself, either sampler, unstyled.</summary>
    private void RenderField(RenderRequest request, RenderTarget target)
    {
        LoadField(request);
        if (request.Live is { } live)
        {
            (_live ??= new LiveFrameRenderer()).Render(request, live, new FieldQuery(_field, _decoder), _fieldGeneration, _parallel, target, ShareStereoGeometry);
            return;
        }
        var rendering = request.Rendering;
        var counts = request.EffectiveSamples;
        var field = new FieldQuery(_field, _decoder);
        // Built once a frame: both stereo eyes skip the same empty space.
        IRayIntegrator integrator = SkipEmptySpace
            ? new SkippingRayIntegrator(field, BuildSkipGrid(request), counts, rendering.DensityBias, request.Seed)
            : new RayIntegrator(field, counts, rendering.DensityBias, request.Seed);
        for (int view = 0; view < request.Views; view++)
        {
            var camera = request.CameraFor(view);
            var picture = request.Stereo is null ? target : (_eye = RenderTarget.Reuse(_eye, request.Width, request.Height, target.Depth is not null));
            Parallel.For(0, request.Height, _parallel,
                () => RentScratch(counts),
                (y, _, scratch) =>
                {
                    RenderRow(y, camera, rendering.BoxWarp, integrator, scratch, picture);
                    return scratch;
                },
                _scratchPool.Add);
            if (picture != target)
            {
                target.Paste(picture, view * request.Width);
            }
        }
    }

    /// <summary>Loads the request's planes and decoder, unless it renders the field already loaded (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>).</summary>
    private void LoadField(RenderRequest request)
    {
        var boxWarp = request.Rendering.BoxWarp;
        if (request.SameFieldAsPreviousFrame && ReferenceEquals(_loaded.Planes, request.Triplanes)
            && ReferenceEquals(_loaded.Decoder, request.Decoder) && _loaded.BoxWarp == boxWarp)
        {
            return;
        }
        // Forgotten first: a load that throws half-way leaves nothing a later request could take for loaded.
        _loaded = default;
        _fieldGeneration++;
        _field.Load(request.Triplanes, boxWarp);
        _decoder.Load(request.Decoder);
        _loaded = (request.Triplanes, request.Decoder, boxWarp);
    }

    private static void RenderRow(int y, in PinholeCamera camera, float boxWarp, IRayIntegrator integrator, RayScratch scratch, RenderTarget target)
    {
        for (int x = 0; x < camera.Width; x++)
        {
            var ray = camera.PixelRay(x, y);
            var segment = RaySegment.Clip(ray, boxWarp, camera.Near, camera.Far);
            uint pixel = (uint)(y * camera.Width + x);
            var result = segment.IsEmpty ? CompositedRay.Background : integrator.Integrate(ray, segment, pixel, scratch);
            target.Write((int)pixel, result.R, result.G, result.B, result.Opacity, result.Depth);
        }
    }

    private DensityBoundGrid BuildSkipGrid(RenderRequest request)
    {
        _skipGrid.Build(request.Triplanes, request.Decoder, request.Rendering, _parallel);
        return _skipGrid;
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

}
