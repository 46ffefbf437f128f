using PortraitStream.Inference.Faces;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Pipeline.Stats;

/// <summary>What the pipeline records into <see cref="ServerMetrics"/> for one frame it sent.</summary>
internal static class FrameMetrics
{
    private const double MsPerSecond = 1000;

    // One tag per stage, made once: Histogram.Record takes them on every frame.
    private static readonly KeyValuePair<string, object?>[] StageTags =
        FrameTimings.StageNames.Select(name => ServerMetrics.Tag("stage", name)).ToArray();

    /// <summary>A frame left in <paramref name="bytes"/> of VP8: counts it, its bytes, its stages' times and its age.</summary>
    public static void RecordFrameSent(this ServerMetrics metrics, FrameTimings timings, int bytes)
    {
        metrics.FramesSent.Add(1);
        metrics.SentBytes.Add(bytes);
        for (var i = 0; i < StageTags.Length; i++)
        {
            if (timings.StageMs(i) is { } ms)
            {
                metrics.StageDuration.Record(ms / MsPerSecond, StageTags[i]);
            }
        }

        metrics.FrameLatency.Record(timings.AgeMs / MsPerSecond);
    }

    private static readonly KeyValuePair<string, object?>[][] NetworkTags =
        [.. new[] { "mesh", "matte", "picture-matte" }.SelectMany(network => new[] { false, true }.Select(reused => new[] { ServerMetrics.Tag("network", network), ServerMetrics.Tag("reused", reused ? "true" : "false") }))];

    /// <summary>What the analyse stage's per-frame networks did on one frame: each that ran or was reused counts once.</summary>
    public static void RecordAnalysis(this ServerMetrics metrics, AnalysisWork work)
    {
        Record(metrics, 0, work.Mesh);
        Record(metrics, 2, work.Matte);
        Record(metrics, 4, work.PictureMatte);
    }

    private static void Record(ServerMetrics metrics, int network, NetworkUse use)
    {
        if (use != NetworkUse.None)
        {
            metrics.AnalysisNetworks.Add(1, NetworkTags[network + (use == NetworkUse.Reused ? 1 : 0)]);
        }
    }

    /// <summary>A pose-only frame (held triplanes re-rendered at a new viewer pose) left in <paramref name="bytes"/>: no camera frame, no latency.</summary>
    public static void RecordPoseFrameSent(this ServerMetrics metrics, int bytes)
    {
        metrics.PoseFramesSent.Add(1);
        metrics.SentBytes.Add(bytes);
    }
}
