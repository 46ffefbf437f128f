using System.Numerics;

namespace PortraitStream.Renderer.Styles;

/// <summary>
/// Each style's per-pixel formula, in straight colour (components in [0, 1]) and camera-space unit normals; results are
/// premultiplied colour in xyz, opacity in w. Shaders/style.comp spells the same formulas with the same constants: a
/// change here is a change there. Every formula is continuous in its inputs (bands and lines ramp over a short
/// interval instead of switching), so the CPU's and the GPU's tiny differences in depth and colour stay tiny after
/// styling instead of flipping whole bands.
/// </summary>
internal static class StyleFormulas
{
    /// <summary>The normal of a surface facing the camera (camera z is forward).</summary>
    public static readonly Vector3 Facing = new(0f, 0f, -1f);

    /// <summary>The key light, from the camera's upper left (camera space, toward the light).</summary>
    public static readonly Vector3 Light = Vector3.Normalize(new Vector3(-0.35f, -0.45f, -0.82f));

    /// <summary>The ink outlines are drawn in: near black, slightly blue.</summary>
    public static readonly Vector3 Ink = new(0.06f, 0.05f, 0.08f);

    /// <summary>Hologram tint (cyan) and sketch paper (warm white).</summary>
    public static readonly Vector3 HologramTint = new(0.55f, 1f, 1f);
    public static readonly Vector3 Paper = new(0.97f, 0.95f, 0.9f);

    /// <summary>Half-width of a band's ramp, in fractions of one band: bands switch over 24 % of their width.</summary>
    public const float BandRamp = 0.12f;

    /// <summary>Toon: light bands and colour levels per channel.</summary>
    public const float ToonBands = 3f;
    public const float ToonColourLevels = 5f;

    /// <summary>Toon: the luminance below which a colour is scaled as if it were this bright (no division by ~0).</summary>
    public const float ToonDarkest = 0.02f;

    /// <summary>Outline: a depth jump between neighbours, in pixel footprints (depth / focal), from which a line starts
    /// and where it is full; a smooth surface tilted 70° from the view steps ~3 footprints a pixel, a chin over a neck far more.</summary>
    public const float DepthLineStart = 3f, DepthLineFull = 8f;

    /// <summary>Outline: 1 − cos of the angle between neighbouring normals (~32° → ~53°) over which a crease line ramps in.</summary>
    public const float CreaseLineStart = 0.15f, CreaseLineFull = 0.4f;

    /// <summary>Hologram: scan-line period in output rows. Integer periods: the phase is taken modulo the period
    /// first, so cos and sin see small arguments, where the CPU's and the GPU's agree.</summary>
    public const int ScanPeriod = 3;

    /// <summary>Sketch: hatch period along the diagonal, in pixels.</summary>
    public const int HatchPeriod = 5;

    public static float SmoothStep(float edge0, float edge1, float x)
    {
        float t = Math.Clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3f - 2f * t);
    }

    /// <summary>x in [0, 1] onto <paramref name="levels"/> + 1 steps 0, 1/levels … 1, each step ramped over <see cref="BandRamp"/>.</summary>
    public static float Quantise(float x, float levels)
    {
        float s = x * levels;
        float whole = MathF.Floor(s);
        return (whole + SmoothStep(0.5f - BandRamp, 0.5f + BandRamp, s - whole)) / levels;
    }

    public static float Luminance(Vector3 c) => 0.299f * c.X + 0.587f * c.Y + 0.114f * c.Z;

    public static float Lambert(Vector3 normal) => MathF.Max(Vector3.Dot(normal, Light), 0f);

    /// <summary>
    /// One step along an image axis from the two one-sided differences, each weighted by 1 / (footprint² + Δz²): on a
    /// smooth surface both weigh alike (a central difference, half the noise of either), across a depth step the far
    /// side's weight vanishes. Continuous, unlike picking the smaller step, so CPU and GPU cannot pick differently.
    /// </summary>
    public static Vector3 BlendSteps(Vector3 ahead, Vector3 back, float footprint)
    {
        float wa = 1f / (footprint * footprint + ahead.Z * ahead.Z);
        float wb = 1f / (footprint * footprint + back.Z * back.Z);
        return (wa * ahead + wb * back) / (wa + wb);
    }

    /// <summary>Unit normal toward the camera from the surface's steps along image x and y (cross(dy, dx) with y down).</summary>
    public static Vector3 NormalFrom(Vector3 dx, Vector3 dy)
    {
        var n = Vector3.Cross(dy, dx);
        float length = n.Length();
        return length > 1e-12f ? n / length : Facing;
    }

    /// <summary>Toon: brightness posterised into <see cref="ToonColourLevels"/> flat tones (hue kept, saturation raised),
    /// times the Lambert term quantised into <see cref="ToonBands"/> bands. Posterising each channel instead speckles
    /// skin with false hues where the channels cross their levels at different places.</summary>
    public static Vector4 Toon(Vector3 colour, float alpha, Vector3 normal)
    {
        float band = Quantise(0.3f + 0.7f * Lambert(normal), ToonBands);
        float lum = Luminance(colour);
        var vivid = Vector3.Max(lum * Vector3.One + 1.3f * (colour - lum * Vector3.One), Vector3.Zero);
        var poster = vivid * (Quantise(lum, ToonColourLevels) / MathF.Max(lum, ToonDarkest));
        var lit = Vector3.Clamp(poster * (0.45f + 0.65f * band), Vector3.Zero, Vector3.One);
        return new Vector4(alpha * lit, alpha);
    }

    /// <summary>
    /// Outline's and sketch's line where opacity jumps between neighbours (the silhouette, both sides of it), from the
    /// largest jump |Δα| to any of the four neighbours: the ramp rises with the jump, so the line of the largest jump is
    /// the largest of the four lines, for one ramp instead of four.
    /// </summary>
    public static float SilhouetteLine(float alphaJump) => SmoothStep(0.25f, 0.75f, alphaJump);

    /// <summary>
    /// Outline's line at a pixel from the largest differences to its four neighbours: opacity (<see cref="SilhouetteLine"/>),
    /// depth in pixel footprints (|Δdepth| · focal / depth, between hit neighbours) and crease (1 − the cosine between
    /// their normals). Each ramp rises with its difference, so the largest difference of each kind draws the line
    /// (three ramps a pixel instead of twelve).
    /// </summary>
    public static float OutlineLine(float alphaJump, float footprints, float crease) => MathF.Max(SilhouetteLine(alphaJump),
        MathF.Max(SmoothStep(DepthLineStart, DepthLineFull, footprints), SmoothStep(CreaseLineStart, CreaseLineFull, crease)));

    /// <summary><paramref name="ink"/> with coverage <paramref name="line"/> over a premultiplied pixel (Porter–Duff over).</summary>
    public static Vector4 Over(Vector3 ink, float line, Vector3 premultiplied, float alpha) =>
        new(line * ink + (1f - line) * premultiplied, line + (1f - line) * alpha);

    /// <summary>Hologram: brightness tinted cyan, dimmed and thinned every <see cref="ScanPeriod"/> rows, a bright rim
    /// where the surface turns away (Fresnel-like), the whole more translucent than the person.</summary>
    public static Vector4 Hologram(Vector3 colour, float alpha, Vector3 normal, int y)
    {
        float lum = Luminance(colour);
        float rim = (1f - MathF.Abs(normal.Z)) * (1f - MathF.Abs(normal.Z));
        float scan = 0.5f + 0.5f * MathF.Cos(2f * MathF.PI * (y % ScanPeriod + 0.5f) / ScanPeriod);
        var tinted = Vector3.Min(HologramTint * ((0.1f + 1.1f * lum) * (0.9f + 0.1f * scan) + 0.6f * rim), Vector3.One);
        float opacity = alpha * Math.Clamp(0.8f + 0.1f * scan + 0.3f * rim, 0f, 1f);
        return new Vector4(opacity * tinted, opacity);
    }

    /// <summary>
    /// Sketch: the hatch strokes' coverage at each phase (x − y) mod <see cref="HatchPeriod"/> of the diagonal, a
    /// smoothstepped sine. It depends on the phase only, so it is tabulated once instead of a sine per pixel (the
    /// sine was the sketch pass's costliest step); style.comp evaluates the same formula per pixel.
    /// </summary>
    private static readonly float[] HatchPattern = Enumerable.Range(0, HatchPeriod)
        .Select(phase => SmoothStep(0.55f, 0.95f, 0.5f + 0.5f * MathF.Sin(2f * MathF.PI * phase / HatchPeriod)))
        .ToArray();

    /// <summary>Sketch: lightened grey tone on paper, strokes where brightness changes (neighbours' luminance left, right,
    /// up, down) or at the silhouette, diagonal hatching where the lit tone is dark.</summary>
    /// <param name="lum">The centre's <see cref="Luminance"/>, computed once per pixel by the caller (its neighbours read it too).</param>
    public static Vector4 Sketch(Vector3 colour, float alpha, Vector3 normal, float lum, float left, float right, float up, float down, float silhouette, int x, int y)
    {
        float gradient = MathF.Abs(right - left) + MathF.Abs(down - up);
        float stroke = MathF.Max(SmoothStep(0.06f, 0.25f, gradient), silhouette);
        float shade = lum * (0.6f + 0.4f * Lambert(normal));
        float hatch = HatchPattern[((x - y) % HatchPeriod + HatchPeriod) % HatchPeriod] * (1f - SmoothStep(0.2f, 0.55f, shade));
        float graphite = (0.25f + 0.75f * lum) * (1f - 0.85f * stroke) * (1f - 0.45f * hatch);
        var paper = Paper * graphite;
        float opacity = MathF.Max(alpha, silhouette);
        return new Vector4(opacity * paper, opacity);
    }
}
