namespace PortraitStream.Renderer;

/// <summary>
/// Settings of the live sampler (<see cref="Live.LiveFrameRenderer"/>), the real-time alternative to EG3D's stratified +
/// importance sampler: a per-frame occupancy grid of the field, a deterministic march through its occupied cells that
/// stops once the ray is opaque, a finer band of samples at the surface, and a geometry pass at a fraction of the output size whose
/// depth is shaded per output pixel. Sizes in cells or steps per side of the triplanes' box.
/// </summary>
public sealed record LiveSampling
{
    /// <summary>Occupancy cells per side of the box: the grid costs (n + 1)³ field queries a frame.</summary>
    public int GridResolution { get; init; } = 32;

    /// <summary>March steps per side of the box inside occupied cells (the step is box_warp / this).</summary>
    public int MarchResolution { get; init; } = 96;

    /// <summary>
    /// Sub-intervals each of the band's two coarse intervals (the one holding the ray's median weight — the surface —
    /// and the one behind it) is split into: 2 · (n − 1) more field queries per surface ray.
    /// </summary>
    public int BandSubdivisions { get; init; } = 3;

    /// <summary>The geometry pass runs at output size / this (1: every output pixel is marched).</summary>
    public int GeometryDivisor { get; init; } = 2;

    /// <summary>The live defaults at 256² (geometry at 128²).</summary>
    public static LiveSampling Default { get; } = new();

    /// <summary>
    /// The live defaults for an output of <paramref name="side"/> pixels: the geometry pass stays near 128² (divisor
    /// side / 128, rounded), so a larger output costs mostly its per-pixel shading, not more marching.
    /// </summary>
    public static LiveSampling ForOutput(int side) =>
        Default with { GeometryDivisor = Math.Clamp((side + GeometrySide / 2) / GeometrySide, 1, MaxGeometryDivisor) };

    /// <summary>
    /// A viewer pose's frame (the held triplanes re-rendered at a new head pose, issue #15's pose-to-photon) at
    /// <paramref name="side"/>: <see cref="ForOutput"/> with the geometry pass at half its side. The output pass still
    /// shades every output pixel from the field and marches every silhouette and depth step at the output resolution,
    /// so only smooth surfaces' depths are interpolated across wider footprints (≥ 40 dB against the full frame at that
    /// pose); the geometry pass costs a quarter, a whole stereo frame 0.6–0.65 of a camera frame's CPU work at 256²
    /// and 0.8 at 512² (`perf pose-frame-cost`).
    /// </summary>
    public static LiveSampling ForPoseFrame(int side)
    {
        var output = ForOutput(side);
        return output with { GeometryDivisor = Math.Min(2 * output.GeometryDivisor, MaxGeometryDivisor) };
    }

    /// <summary>The geometry pass's side that <see cref="ForOutput"/> aims at.</summary>
    public const int GeometrySide = 128;

    public const int MaxGridResolution = 128;
    public const int MaxMarchResolution = 1024;
    public const int MaxBandSubdivisions = 8;
    public const int MaxGeometryDivisor = 8;

    /// <summary>Null when every setting is in range, else what is wrong, in the settings' own words.</summary>
    public string? Problem() =>
        GridResolution is < 2 or > MaxGridResolution ? $"live grid resolution {GridResolution} is outside 2…{MaxGridResolution} cells"
        : MarchResolution is < 2 or > MaxMarchResolution ? $"live march resolution {MarchResolution} is outside 2…{MaxMarchResolution} steps"
        : BandSubdivisions is < 1 or > MaxBandSubdivisions ? $"live band subdivisions {BandSubdivisions} is outside 1…{MaxBandSubdivisions}"
        : GeometryDivisor is < 1 or > MaxGeometryDivisor ? $"live geometry divisor {GeometryDivisor} is outside 1…{MaxGeometryDivisor}"
        : null;
}
