using System.Diagnostics;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// The timestamps one frame collects on its way through the pipeline: when it arrived (Stopwatch ticks, the session's
/// capture clock) and how long each stage worked on it, in milliseconds (null: the stage did not run for this frame,
/// e.g. no encoder pass while no face is visible). Time spent waiting in a slot counts in <see cref="AgeMs"/> only.
/// </summary>
internal readonly record struct FrameTimings(long CapturedTicks)
{
    public double? DecodeMs { get; init; }

    /// <summary>Face tracking and the aligned crop.</summary>
    public double? TrackMs { get; init; }

    /// <summary>The triplane encoder (ONNX Runtime).</summary>
    public double? EncodeMs { get; init; }

    /// <summary>Volume rendering (or the camera pass-through) and RGBA → I420.</summary>
    public double? RenderMs { get; init; }

    /// <summary>VP8 encoding and RTP packetization.</summary>
    public double? VideoEncodeMs { get; init; }

    /// <summary>The stages' names, in <see cref="StageMs"/>' order (the names the stats and the metrics use).</summary>
    public static IReadOnlyList<string> StageNames { get; } = ["decode", "track", "encode", "render", "vp8"];

    /// <summary>The time of stage <paramref name="index"/> of <see cref="StageNames"/>.</summary>
    public double? StageMs(int index) => index switch
    {
        0 => DecodeMs,
        1 => TrackMs,
        2 => EncodeMs,
        3 => RenderMs,
        4 => VideoEncodeMs,
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "no such stage"),
    };

    /// <summary>A frame captured now.</summary>
    public static FrameTimings Start() => new(Stopwatch.GetTimestamp());

    /// <summary>Milliseconds since <paramref name="startTicks"/>.</summary>
    public static double Since(long startTicks) => Stopwatch.GetElapsedTime(startTicks).TotalMilliseconds;

    /// <summary>Milliseconds since capture: the server-side latency once the frame is sent.</summary>
    public double AgeMs => Since(CapturedTicks);
}
