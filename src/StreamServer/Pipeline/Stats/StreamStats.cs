namespace PortraitStream.Server.Pipeline.Stats;

// Public, unlike the rest of the server: IStreamClient.Stats takes it, and that interface must be public (see there).
/// <summary>
/// What the browser's stats overlay shows, pushed about twice a second. Rates are over the last interval; stage times
/// are moving averages over delivered frames, by stage name (decode, track, encode, render, vp8). Head yaw and pitch
/// (degrees, <see cref="Inference.Faces.HeadAngles"/>' convention) are the tracker's for the latest rendered frame,
/// null while the camera is passed through. <see cref="Background"/> is the session's background setting as SetBackground
/// takes it ("keep", "color:#00ff00", "image:NAME"). The audio figures count Opus packets since the session began (from
/// the peer, back to it) and give the delay the audio waits now to stay with the rendered video. View yaw and pitch
/// (degrees, the render camera's) are those the latest frame was rendered from, after easing; null before the first render.
/// </summary>
public sealed record StreamStats(
    double FpsIn,
    double FpsOut,
    IReadOnlyDictionary<string, double> StageMs,
    double LatencyMs,
    long Dropped,
    double? RttMs,
    int TargetKbps,
    double SentKbps,
    string ExecutionProvider,
    string Renderer,
    string Face,
    bool Passthrough,
    double? HeadYawDegrees,
    double? HeadPitchDegrees,
    string Model,
    int Size,
    string Sampler,
    int Samples,
    string? Preset,
    bool Paused,
    long Faults,
    string? QualityCap = null,
    string Background = "keep",
    long AudioPacketsIn = 0,
    long AudioPacketsOut = 0,
    double AudioDelayMs = 0)
{
    public double? ViewYawDegrees { get; init; }

    public double? ViewPitchDegrees { get; init; }

    /// <summary>
    /// The views the model that drew the latest frame is meant to be seen from (model.json <c>rendering.viewRange</c>):
    /// yaw and pitch within ± these; the session's views stay inside, and the page's drag stops at them. Null while the
    /// camera is passed through.
    /// </summary>
    public double? ViewMaxYawDegrees { get; init; }

    public double? ViewMaxPitchDegrees { get; init; }

    /// <summary>The timestamp of the viewer pose the latest posed frame was rendered for (SetViewerPose); null before any.</summary>
    public double? PoseTimestampMs { get; init; }

    /// <summary>Server pose-to-photon (pose received → first frame rendered with it → sent), moving average in ms; null before any.</summary>
    public double? PoseToPhotonMs { get; init; }

    /// <summary>Pose-only frames sent a second (held triplanes re-rendered at a new viewer pose between camera frames; not in <see cref="FpsOut"/>).</summary>
    public double PoseFpsOut { get; init; }

    /// <summary>Viewer poses the flood limit dropped, since the session began.</summary>
    public long PosesDropped { get; init; }

    /// <summary>
    /// How much later the sound leaves against the picture than arrival alone would place it, by the peer's sender
    /// reports (its encoder's extra latency for video over audio); null while they do not tie the two streams.
    /// </summary>
    public double? AudioSyncCorrectionMs { get; init; }
}
