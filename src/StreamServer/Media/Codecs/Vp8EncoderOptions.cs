namespace PortraitStream.Server.Media.Codecs;

/// <summary>
/// Realtime VP8 encoder settings. Defaults follow what libvpx documents for realtime use (vpx_encoder.h, vp8cx.h)
/// and what WebRTC's own VP8 wrapper configures: one-pass CBR, no lag, error resilient, a short rate-control buffer.
/// </summary>
internal sealed record Vp8EncoderOptions
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>Initial target bitrate; change it later with <see cref="Vp8Encoder.TargetBitrateKbps"/>.</summary>
    public int TargetBitrateKbps { get; init; } = 1500;

    /// <summary>Expected frame rate, used for frame durations and the intra-frame size cap.</summary>
    public int FrameRate { get; init; } = 30;

    /// <summary>
    /// Encoder threads (g_threads). libvpx's VP8 row threads synchronise by spinning, which stalls badly when cores
    /// are oversubscribed, so one thread is the default; WebRTC too uses one below 640×480 and two only on 4+ cores.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// VP8E_SET_CPUUSED, -16..16: larger magnitude is faster and lower quality; negative values let libvpx adapt the
    /// speed to meet the realtime deadline. WebRTC uses -6 on desktop.
    /// </summary>
    public int CpuUsed { get; init; } = -6;

    /// <summary>Frames between automatic keyframes; receivers ask for more with PLI/FIR (see <see cref="Vp8Encoder.RequestKeyframe"/>).</summary>
    public int KeyframeInterval { get; init; } = 3000;

    /// <summary>Quantizer bounds, 0..63; WebRTC caps at 56 to keep motion from smearing.</summary>
    public int MinQuantizer { get; init; } = 2;

    /// <inheritdoc cref="MinQuantizer"/>
    public int MaxQuantizer { get; init; } = 56;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Width, I420Frame.MaxDimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Height, I420Frame.MaxDimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TargetBitrateKbps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(FrameRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Threads);
        ArgumentOutOfRangeException.ThrowIfLessThan(CpuUsed, -16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(CpuUsed, 16);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(KeyframeInterval);
        ArgumentOutOfRangeException.ThrowIfNegative(MinQuantizer);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxQuantizer, 63);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MinQuantizer, MaxQuantizer);
    }
}
