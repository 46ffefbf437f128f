using System.Collections.Concurrent;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Sampling;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// The live sampler's frame, on the CPU: (1) an <see cref="OccupancyGrid"/> of the frame's field; (2) the geometry
/// pass: one <see cref="SurfaceMarcher"/> ray per geometry pixel (output size / <see cref="LiveSampling.GeometryDivisor"/>);
/// (3) the output pass, per output pixel: where the four nearest geometry rays all met one smooth opaque surface
/// (sharp, opaque, depths within <see cref="SmoothSurfacePixels"/> pixel footprints) the pixel is shaded by one field
/// query at their bilinearly interpolated depth (deferred shading); where all four are empty it is background; anywhere
/// else — silhouettes, depth steps, soft or semi-transparent rays — it is marched itself, so edges are picked at the
/// output resolution, never averaged across a discontinuity. The geometry rays leap through empty space
/// (<see cref="RunWalk"/>: a quarter fewer field queries a frame); the output pass's own marches do not, because they
/// are the silhouettes and soft edges where a thin wisp between two leap points matters (leaping there too cost up to
/// 2.5 dB over the face region at ±30° yaw on the committed portrait; the geometry pass's leaps cost ≤ 0.3 dB).
/// Deterministic: each pixel depends on the request only, and, for a request that <see cref="RenderRequest.FollowsPreviousFrame"/>, on where this renderer's previous frame
/// seeds its search (<see cref="TemporalSeeds"/>; a seed changes where a march starts, not what it finds).
/// </summary>
internal sealed class LiveFrameRenderer
{
    /// <summary>
    /// Neighbouring geometry depths within this many geometry-pixel footprints count as one surface: a surface may
    /// slope up to ~75° from the view before its neighbours differ by four footprints; a nose or chin edge differs by
    /// far more. Measured on the portrait (perf quality): 3 → 4 marches ~20 % fewer edge pixels for ≤ 0.5 dB.
    /// </summary>
    public const float SmoothSurfacePixels = 4f;

    /// <summary>March steps in front of the nearest neighbouring surface where a pixel's seeded march starts.</summary>
    public const float SeedMargin = 3f;

    /// <summary>Opacity from which a geometry ray counts as opaque (its alpha byte rounds to 255).</summary>
    public const float OpaqueOpacity = 1f - 0.5f / 255f;

    private readonly OccupancyGrid _grid = new();
    private (long Field, float BoxWarp, float DensityBias, int Resolution)? _gridKey; // what _grid was built for
    private readonly GeometryBuffer _geometry = new();
    private readonly TemporalSeeds?[] _seeds = new TemporalSeeds?[2]; // per view: mono or left, right
    private readonly CrossEyeGeometry _crossEye = new();
    private RenderTarget? _eye; // one stereo eye's picture before it is pasted into its half
    private readonly ConcurrentBag<MarchScratch> _marchPool = [];
    private readonly ConcurrentBag<QueryScratch> _queryPool = [];

    /// <summary>
    /// Renders <paramref name="request"/>'s pictures. In stereo the right eye takes its geometry from the left eye's
    /// where the left eye saw one smooth opaque surface (<see cref="CrossEyeGeometry"/>) unless
    /// <paramref name="shareEyes"/> is off (tests and measurements that compare with each eye marched alone).
    /// <paramref name="fieldGeneration"/> names the field <paramref name="field"/> holds (the caller moves it on with
    /// every load): the occupancy grid is rebuilt only for another field or other grid settings, so a re-render of the
    /// same field from a new view (a viewer pose's frame) keeps it.
    /// </summary>
    public void Render(RenderRequest request, LiveSampling settings, FieldQuery field, long fieldGeneration, ParallelOptions parallel, RenderTarget target,
        bool shareEyes = true)
    {
        var rendering = request.Rendering;
        PrepareGrid(rendering, settings, field, fieldGeneration, parallel);
        var marcher = new SurfaceMarcher(field, _grid, rendering.BoxWarp, rendering.DensityBias, settings);
        _geometry.Resize(request.Width, request.Height, settings.GeometryDivisor);
        for (int view = 0; view < request.Views; view++)
        {
            var picture = request.Stereo is null ? target : (_eye = RenderTarget.Reuse(_eye, request.Width, request.Height, target.Depth is not null));
            // Each eye keeps its own previous frame: the other eye's surfaces would seed from a different viewpoint.
            var seeds = _seeds[view] ??= new TemporalSeeds();
            var camera = request.CameraFor(view);
            var shared = view > 0 && shareEyes ? _crossEye : null;
            RenderView(camera, request.FollowsPreviousFrame ? seeds : null, shared, rendering.BoxWarp, settings, marcher, field, parallel, picture);
            seeds.Remember(_geometry, camera);
            if (view + 1 < request.Views && shareEyes)
            {
                // Before the next eye overwrites the geometry buffer: where this eye's surfaces meet the next eye's rays.
                _crossEye.Reproject(_geometry, camera, request.CameraFor(view + 1), parallel);
            }
            if (picture != target)
            {
                target.Paste(picture, view * request.Width);
            }
        }
    }

    /// <summary>
    /// The frame's shared work, which no view changes: one occupancy grid serves every view (both stereo eyes) and every
    /// frame of one field (<paramref name="fieldGeneration"/>), so it is built only for another field or other grid
    /// settings — by <see cref="Render"/>, or ahead of it (<see cref="CpuVolumeRenderer.PrepareField"/>).
    /// </summary>
    public void PrepareGrid(RenderingConfig rendering, LiveSampling settings, FieldQuery field, long fieldGeneration, ParallelOptions parallel)
    {
        var gridKey = (fieldGeneration, rendering.BoxWarp, rendering.DensityBias, settings.GridResolution);
        if (_gridKey != gridKey)
        {
            _gridKey = null;
            _grid.Build(field, rendering.BoxWarp, rendering.DensityBias, settings.GridResolution, parallel,
                () => RentQuery(field), _queryPool.Add);
            _gridKey = gridKey;
        }
    }

    /// <summary>One picture: the geometry pass (rays the other eye's geometry resolves in <paramref name="shared"/> are
    /// not marched), then the output pass, into a target of the camera's size.</summary>
    private void RenderView(PinholeCamera camera, TemporalSeeds? previous, CrossEyeGeometry? shared, float boxWarp, LiveSampling settings, SurfaceMarcher marcher, FieldQuery field,
        ParallelOptions parallel, RenderTarget target)
    {
        var geometry = _geometry;
        var seeds = previous is not null && previous.Prepare(geometry, camera) ? previous : null;
        Parallel.For(0, geometry.Height, parallel, () => RentMarch(settings, field), (j, _, scratch) =>
        {
            for (int i = 0; i < geometry.Width; i++)
            {
                int index = j * geometry.Width + i;
                if (shared is not null && shared.TryGet(index, out float depth, out float opacity))
                {
                    (geometry.Depth[index], geometry.Opacity[index], geometry.Sharp[index]) = (depth, opacity, true);
                    continue;
                }
                float d = geometry.Divisor;
                var ray = camera.PointRay((i + 0.5f) * d, (j + 0.5f) * d);
                float seed = seeds is null ? float.NaN : seeds.Nearest(i, j) - SeedMargin * marcher.Step;
                var marched = MarchPixel(marcher, ray, camera, boxWarp, scratch, leap: true, seed, seedFromAnotherFrame: true);
                (geometry.Depth[index], geometry.Opacity[index], geometry.Sharp[index]) = (marched.Depth, marched.Opacity, marched.Sharp);
            }
            return scratch;
        }, _marchPool.Add);
        Parallel.For(0, camera.Height, parallel, () => RentMarch(settings, field), (y, _, scratch) =>
        {
            ShadeRow(y, camera, boxWarp, marcher, field, scratch, target);
            return scratch;
        }, _marchPool.Add);
    }

    private static MarchedRay MarchPixel(in SurfaceMarcher marcher, in Ray ray, in PinholeCamera camera, float boxWarp, MarchScratch scratch, bool leap,
        float seed = float.NaN, bool seedFromAnotherFrame = false)
    {
        var segment = RaySegment.Clip(ray, boxWarp, camera.Near, camera.Far);
        if (segment.IsEmpty)
        {
            return MarchedRay.Empty;
        }
        if (seedFromAnotherFrame && float.IsFinite(seed) && marcher.HasMatterInFront(ray, segment.Start, seed))
        {
            seed = float.NaN;
        }
        return marcher.March(ray, segment.Start, segment.End, scratch, leap, seed);
    }

    private static bool AllHit(float[] opacity, int a, int b, int c, int e) =>
        opacity[a] >= SurfaceMarcher.EmptyOpacity && opacity[b] >= SurfaceMarcher.EmptyOpacity
        && opacity[c] >= SurfaceMarcher.EmptyOpacity && opacity[e] >= SurfaceMarcher.EmptyOpacity;

    private void ShadeRow(int y, in PinholeCamera camera, float boxWarp, in SurfaceMarcher marcher, FieldQuery field, MarchScratch scratch, RenderTarget target)
    {
        var geometry = _geometry;
        float d = geometry.Divisor;
        float gy = (y + 0.5f) / d - 0.5f;
        int j0 = Math.Clamp((int)MathF.Floor(gy), 0, geometry.Height - 1);
        int j1 = Math.Min(j0 + 1, geometry.Height - 1);
        float fy = Math.Clamp(gy - j0, 0f, 1f);
        for (int x = 0; x < camera.Width; x++)
        {
            float gx = (x + 0.5f) / d - 0.5f;
            int i0 = Math.Clamp((int)MathF.Floor(gx), 0, geometry.Width - 1);
            int i1 = Math.Min(i0 + 1, geometry.Width - 1);
            float fx = Math.Clamp(gx - i0, 0f, 1f);
            int a = j0 * geometry.Width + i0, b = j0 * geometry.Width + i1, c = j1 * geometry.Width + i0, e = j1 * geometry.Width + i1;
            int pixel = y * camera.Width + x;
            if (AllEmpty(geometry.Opacity, a, b, c, e))
            {
                target.Write(pixel, 0f, 0f, 0f, 0f, MarchedRay.Empty.Depth);
            }
            else if (OneSmoothSurface(geometry, a, b, c, e, camera.FocalPixels / d))
            {
                float depth = Bilinear(geometry.Depth, a, b, c, e, fx, fy);
                float opacity = Bilinear(geometry.Opacity, a, b, c, e, fx, fy);
                scratch.Deferred.Add(field, target, pixel, camera.PixelRay(x, y).At(depth), depth, opacity);
            }
            else
            {
                // The nearest of the neighbours' surfaces, less a margin, seeds this pixel's march (checked there).
                float seed = AllHit(geometry.Opacity, a, b, c, e)
                    ? MathF.Min(MathF.Min(geometry.Depth[a], geometry.Depth[b]), MathF.Min(geometry.Depth[c], geometry.Depth[e])) - SeedMargin * marcher.Step
                    : float.NaN;
                var result = MarchPixel(marcher, camera.PixelRay(x, y), camera, boxWarp, scratch, leap: false, seed);
                target.Write(pixel, result.R, result.G, result.B, result.Opacity, result.Depth);
            }
        }
        scratch.Deferred.Flush(field, target);
    }

    private static bool AllEmpty(float[] opacity, int a, int b, int c, int e) =>
        opacity[a] < SurfaceMarcher.EmptyOpacity && opacity[b] < SurfaceMarcher.EmptyOpacity
        && opacity[c] < SurfaceMarcher.EmptyOpacity && opacity[e] < SurfaceMarcher.EmptyOpacity;

    private static bool OneSmoothSurface(GeometryBuffer g, int a, int b, int c, int e, float geometryFocalPixels)
    {
        if (!(g.Sharp[a] && g.Sharp[b] && g.Sharp[c] && g.Sharp[e]))
        {
            return false;
        }
        if (!(g.Opacity[a] >= OpaqueOpacity && g.Opacity[b] >= OpaqueOpacity && g.Opacity[c] >= OpaqueOpacity && g.Opacity[e] >= OpaqueOpacity))
        {
            return false;
        }
        float near = MathF.Min(MathF.Min(g.Depth[a], g.Depth[b]), MathF.Min(g.Depth[c], g.Depth[e]));
        float far = MathF.Max(MathF.Max(g.Depth[a], g.Depth[b]), MathF.Max(g.Depth[c], g.Depth[e]));
        // A geometry pixel's footprint at depth t is t / focal (world units per geometry pixel).
        return far - near <= SmoothSurfacePixels * far / geometryFocalPixels;
    }

    private static float Bilinear(float[] values, int a, int b, int c, int e, float fx, float fy)
    {
        float top = values[a] + fx * (values[b] - values[a]);
        float bottom = values[c] + fx * (values[e] - values[c]);
        return top + fy * (bottom - top);
    }

    private MarchScratch RentMarch(LiveSampling settings, FieldQuery field)
    {
        while (_marchPool.TryTake(out var scratch))
        {
            if (scratch.Fits(settings, field.Channels, field.Hidden)) return scratch;
        }
        return new MarchScratch(settings, field.Channels, field.Hidden);
    }

    private QueryScratch RentQuery(FieldQuery field)
    {
        const int batch = LiveSampling.MaxGridResolution + 1;
        while (_queryPool.TryTake(out var scratch))
        {
            if (scratch.Fits(batch, field.Channels, field.Hidden)) return scratch;
        }
        return new QueryScratch(batch, field.Channels, field.Hidden);
    }

}
