using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Renderer;

/// <summary>
/// Everything one frame's render depends on: a frame's triplanes, the model's decoder and rendering settings, the view,
/// the image size in pixels, samples per ray (the model's when <see cref="Samples"/> is null) and the random seed.
/// The same request gives the same image on every renderer (to floating-point tolerance).
/// </summary>
public sealed record RenderRequest(Triplanes Triplanes, DecoderWeights Decoder, RenderingConfig Rendering, CameraView View, int Width, int Height)
{
    public SampleCounts? Samples { get; init; }

    /// <summary>
    /// The live sampler's settings; null renders with EG3D's stratified + importance sampler (the reference), whose
    /// sample counts are <see cref="Samples"/>. The live sampler has no random draws: <see cref="Seed"/> does not change it.
    /// </summary>
    public LiveSampling? Live { get; init; }

    /// <summary>
    /// Live sampler only: this frame continues the renderer's previous frame (live video), so that frame's surfaces,
    /// reprojected into this view, seed the surface search (checked per ray; a cut or a big turn falls back in the
    /// same frame).
    /// </summary>
    public bool FollowsPreviousFrame { get; init; }

    /// <summary>
    /// This frame renders the very field of the renderer's previous frame: the same <see cref="Triplanes"/> and
    /// <see cref="Decoder"/> objects, their contents unchanged since (a viewer pose's re-render of held triplanes). The
    /// renderers then keep that frame's per-frame work — the repacked planes, the decoder and the live sampler's
    /// occupancy grid (on the GPU: no upload, repack or grid dispatch) — instead of redoing it; the picture is the same
    /// to the byte. Honoured only when the request names the objects the previous frame (or
    /// <see cref="IVolumeRenderer.PrepareField"/>) loaded, otherwise the field is loaded as usual; the caller promises
    /// the contents did not change.
    /// </summary>
    public bool SameFieldAsPreviousFrame { get; init; }

    /// <summary>
    /// Side-by-side stereo (<see cref="StereoRig"/>): the left eye's <see cref="Width"/> × <see cref="Height"/> picture
    /// in the target's left half, the right eye's in its right half, so the target is <see cref="TargetWidth"/> wide.
    /// Null renders the one mono view.
    /// </summary>
    public StereoRig? Stereo { get; init; }

    /// <summary>Pictures this request renders: 2 in stereo, else 1.</summary>
    public int Views => Stereo is null ? 1 : 2;

    /// <summary>The target's width: both eyes side by side in stereo.</summary>
    public int TargetWidth => Views * Width;

    /// <summary>The camera of picture <paramref name="view"/> (0 = mono or the left eye, 1 = the right eye).</summary>
    public PinholeCamera CameraFor(int view)
    {
        var mono = PinholeCamera.For(View, Rendering, Width, Height);
        return Stereo is { } rig ? rig.Eye(mono, (StereoEye)view, Rendering) : mono;
    }

    /// <summary>How the finished render is drawn (<see cref="RenderStyle.None"/>: the field's own colours).</summary>
    public RenderStyle Style { get; init; }

    /// <summary>Seeds the stratified jitter and the importance draws (see <see cref="Sampling.HashRng"/>).</summary>
    public uint Seed { get; init; }

    public SampleCounts EffectiveSamples => Samples ?? new SampleCounts(Rendering.CoarseSamples, Rendering.ImportanceSamples);

    /// <summary>Side of one triplane texel, world units: the box the planes cover over their resolution.</summary>
    public float TexelSide => Rendering.BoxWarp / Triplanes.Layout.Resolution;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first thing that makes this request unrenderable into <paramref name="target"/>.</summary>
    public void Validate(RenderTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(Triplanes);
        ArgumentNullException.ThrowIfNull(Decoder);
        ArgumentNullException.ThrowIfNull(Rendering);
        ValidateSize(Width, Height);
        // Builds the pose, which also refuses a view that is in range but degenerate (camera on its look-at point).
        _ = CameraPose.LookAt(View, Rendering);
        if (Stereo?.Problem() is { } stereoProblem)
        {
            throw new ArgumentException(stereoProblem);
        }
        if (target.Width != TargetWidth || target.Height != Height)
        {
            throw new ArgumentException($"target is {target.Width}×{target.Height}, request is {TargetWidth}×{Height}", nameof(target));
        }
        if (!Enum.IsDefined(Style))
        {
            throw new ArgumentException($"render style {(int)Style} is not one of {string.Join(", ", RenderStyleNames.Names)}");
        }
        ValidateField();
    }

    /// <summary>
    /// Throws an <see cref="ArgumentException"/> naming the first thing that makes this request's field unrenderable —
    /// planes, decoder, box and sampler settings, not the view, size or style: what
    /// <see cref="IVolumeRenderer.PrepareField"/> works from (its request's view need not be chosen yet).
    /// </summary>
    public void ValidateField()
    {
        ArgumentNullException.ThrowIfNull(Triplanes);
        ArgumentNullException.ThrowIfNull(Decoder);
        ArgumentNullException.ThrowIfNull(Rendering);
        if (Triplanes.Layout.Planes is < 1 or > RenderLimits.MaxPlanes)
        {
            throw new ArgumentException($"{Triplanes.Layout.Planes} triplanes; renderers take 1…{RenderLimits.MaxPlanes} planes");
        }
        if (Decoder.Inputs != Triplanes.Layout.Channels)
        {
            throw new ArgumentException($"decoder takes {Decoder.Inputs} features, triplanes have {Triplanes.Layout.Channels} channels");
        }
        if (!(Rendering.BoxWarp > 0f) || !float.IsFinite(Rendering.BoxWarp))
        {
            throw new ArgumentException($"box_warp {Rendering.BoxWarp} must be a positive number");
        }
        if (Live is not null)
        {
            if (Live.Problem() is { } problem)
            {
                throw new ArgumentException(problem);
            }
        }
        else
        {
            ValidateSamples(EffectiveSamples);
        }
    }

    internal static void ValidateSize(int width, int height)
    {
        if (width is < 1 or > RenderLimits.MaxSide || height is < 1 or > RenderLimits.MaxSide)
        {
            throw new ArgumentException($"image size {width}×{height} is outside 1…{RenderLimits.MaxSide} pixels per side");
        }
    }

    private static void ValidateSamples(SampleCounts samples)
    {
        int minCoarse = samples.Importance > 0 ? RenderLimits.MinCoarseSamplesForImportance : RenderLimits.MinCoarseSamples;
        if (samples.Coarse < minCoarse || samples.Coarse > RenderLimits.MaxSamplesPerPass)
        {
            throw new ArgumentException($"{samples.Coarse} coarse samples per ray is outside {minCoarse}…{RenderLimits.MaxSamplesPerPass}");
        }
        if (samples.Importance is < 0 or > RenderLimits.MaxSamplesPerPass)
        {
            throw new ArgumentException($"{samples.Importance} importance samples per ray is outside 0…{RenderLimits.MaxSamplesPerPass}");
        }
    }
}
