using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Relief;

/// <summary>
/// Settings of the generated relief bundle. World units and camera are EG3D's (see <see cref="RenderingConfig"/>):
/// y up, the default camera on +z at <see cref="CameraRadius"/> looking down −z, focal length normalised by the image side.
/// </summary>
public sealed record ReliefOptions
{
    /// <summary>Side of the square aligned crop the encoder takes (pixels).</summary>
    public int ImageSize { get; init; } = 256;

    /// <summary>
    /// Triplane resolution. 256 puts ~150 texels across the crop's footprint at face depth (a 256-pixel crop spans
    /// ~0.6 world units there): colour detail close to the crop's own at a quarter of 512²'s encoder and memory cost.
    /// </summary>
    public int Resolution { get; init; } = 256;

    public float BoxWarp { get; init; } = 1f;
    public float CameraRadius { get; init; } = 2.7f;
    public float FocalLength { get; init; } = 4.2647f;

    /// <summary>Depth (world z) of the plane the keypoints are lifted onto: roughly the eyes and cheeks.</summary>
    public float FacePlaneZ { get; init; } = 0.15f;

    /// <summary>World z of the background at x = 0: behind the head, inside the box and the ray range.</summary>
    public float BackgroundZ { get; init; } = -0.25f;

    /// <summary>How fast the background curls toward the camera sideways: z = BackgroundZ + BackgroundCurl · x².</summary>
    public float BackgroundCurl { get; init; } = 1f;

    /// <summary>
    /// Density slope behind the surface (per world unit of depth, per world unit): the optical depth reaches 5
    /// about √(10 / slope) ≈ 0.014 units behind the surface, so the relief renders as a solid skin. The colour EG3D's
    /// sampler returns is averaged over that depth, which a turned view's ray crosses on a slant, so its ±30° views are
    /// a texel or two softer than the live sampler's. A thinner skin (2·10⁵) sharpened them and lifted the live ±30°
    /// identity by 0.005, but moved the live sampler 2.4 dB further from the converged reference at 512², +30° (30.9
    /// dB against issue #11's 32), and further still with more reference samples: kept at 5·10⁴
    /// (perf/RESULTS-fidelity.md, 2026-12-05).
    /// </summary>
    public float Sharpness { get; init; } = 5e4f;

    /// <summary>
    /// The bundle asks the renderer to smooth what a turned view stretched (<see cref="RenderingConfig.SmoothStretch"/>):
    /// the colour comes from one photo, so the sides it saw edge-on are a few texels wide. Off only to measure what it does.
    /// </summary>
    public bool SmoothStretch { get; init; } = true;

    /// <summary>
    /// Relief v2: colour what the photo saw edge-on beyond the face with the person's local average colour
    /// (<see cref="V2.ReliefV2GrazingFill"/>) instead of streaks. Off only to measure what it does.
    /// </summary>
    public bool GrazingFill { get; init; } = true;

    /// <summary>
    /// Relief v2: crop pixels at the matte's edge take the person's colour from inside it
    /// (<see cref="V2.ReliefV2ForegroundColour"/>) rather than the room's they are partly made of. Off only to measure
    /// what it does.
    /// </summary>
    public bool ForegroundColour { get; init; } = true;

    /// <summary>
    /// Relief v2: the colour fills sample the crop only at the texels they recolour (<see cref="V2.ReliefV2SparseBlend"/>);
    /// off, each samples the whole grid as it first did, which gives the same triplanes bit for bit. Off only to check that.
    /// </summary>
    public bool SparseFills { get; init; } = true;

    /// <summary>
    /// Relief v2: the face's depth follows the mesh (<see cref="V2.ReliefV2Geometry"/>): the landmarks' depths
    /// compensated for the flattening of their Gaussian interpolation, and the depth gain on the face's shape, not on
    /// the head's tilt. Off, the depths are interpolated as they come and the gain deepens the tilt too, as the graph
    /// before did; off only to check against that graph.
    /// </summary>
    public bool FaithfulFaceDepth { get; init; } = true;

    /// <summary>
    /// Relief v2: the head behind its mid-plane is the matte's smooth inflation, as the hair's is
    /// (<see cref="V2.ReliefV2Geometry"/>), not the face's relief mirrored. Off, the back mirrors the front, as the graph
    /// before did; off only to check against that graph.
    /// </summary>
    public bool RoundBackOfHead { get; init; } = true;

    /// <summary>
    /// Relief v2: past the crop's edge its edge pixels fade into the blurred continuation over S / 64 pixels instead of
    /// relief v1's S / 16 (<see cref="ReliefGraph.ExtendedCrop"/>). A view from above (the Gaze preset with a webcam
    /// below the screen, pitch +5…+10°) sees the body below the crop, which wore the edge row's colours there as
    /// vertical stripes across the bottom of the picture. Off only to check against the graph before.
    /// </summary>
    public bool NarrowCropMargin { get; init; } = true;

    /// <summary>
    /// Relief v2: a person the crop's top edge cuts, or its left or right edge from the jaw up, ends just past it
    /// (<see cref="V2.ReliefV2Geometry"/>), instead of going on to the box's side as the shoulders do. Off only to check
    /// against the graph before.
    /// </summary>
    public bool CapEdgesAboveJaw { get; init; } = true;

    /// <summary>
    /// Relief v2: how many crop sides of the camera picture around the crop the encoder takes beside it (its
    /// "surround" input, <see cref="Bundles.SurroundInputSpec"/>), so what lies past the crop's edge inside the box (the
    /// shoulders, hair the crop cuts, the next person's arm) has the picture's own shape and colours instead of the
    /// crop's edge continued. At 2 the surround reaches half a crop side past each edge, beyond the box's footprint
    /// there (≈ 0.3 crop sides at the person's depth, ≈ 0.5 at the box's front), at half the crop's resolution. 0 takes
    /// no surround (the graph before it).
    /// </summary>
    public float SurroundSpan { get; init; } = 2f;

    /// <summary>S / this many pixels is relief v2's margin past the crop's edge (<see cref="NarrowCropMargin"/>).</summary>
    internal int V2MarginDivisor => NarrowCropMargin ? 64 : ReliefGraph.WideMarginDivisor;

    /// <summary>
    /// Relief v2: how strongly the colour is unsharp-masked on the texel grid (<see cref="V2.ReliefV2Sharpening"/>),
    /// making up for the softening of sampling the crop per texel and the renderer's bilinear reads. 0 turns it off.
    /// </summary>
    public float Sharpening { get; init; } = 0.75f;

    public static ReliefOptions Default { get; } = new();

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting the generator cannot honour.</summary>
    public void Validate()
    {
        Require(ImageSize >= 16 && ImageSize % 8 == 0, $"image size {ImageSize} must be a multiple of 8, at least 16 (the graph pools it to 8 × 8)");
        Require(Resolution is >= 2 and <= 2048, $"resolution {Resolution} is outside 2…2048");
        Require(BoxWarp > 0 && CameraRadius > BoxWarp && FocalLength > 0, "box, camera radius and focal length must be positive, the camera outside the box");
        Require(BackgroundZ > -BoxWarp / 2 && FacePlaneZ < BoxWarp / 2 && BackgroundZ < FacePlaneZ, "the background and face planes must lie inside the box, the background behind the face");
        Require(Sharpness > 0, $"sharpness {Sharpness} must be positive");
        Require(Sharpening is >= 0 and <= 4, $"sharpening {Sharpening} is outside 0…4");
        Require(SurroundSpan == 0 || SurroundSpan is >= Bundles.SurroundInputSpec.MinSpan and <= Bundles.SurroundInputSpec.MaxSpan,
            $"surround span {SurroundSpan} is neither 0 nor within {Bundles.SurroundInputSpec.MinSpan}…{Bundles.SurroundInputSpec.MaxSpan}");
    }

    private static void Require(bool ok, string message)
    {
        if (!ok) throw new ArgumentException($"relief options: {message}");
    }
}
