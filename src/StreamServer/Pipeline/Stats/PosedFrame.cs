namespace PortraitStream.Server.Pipeline.Stats;

// Public, unlike the rest of the server: IStreamClient.Frame takes it, and that interface must be public (see there).
/// <summary>
/// Pushed for each frame sent that a viewer's pose steered (web/vr.html places the frame with it).
/// <see cref="RtpTimestamp"/> is the frame's RTP timestamp (90 kHz), what the browser's requestVideoFrameCallback
/// reports for it; <see cref="PoseTimestampMs"/> the timestamp of the pose it was rendered for, as the viewer sent it;
/// <see cref="PoseToPhotonMs"/> the server's part of pose-to-photon (pose received → frame rendered with it → its packets
/// sent). The quad (metres, WebXR <c>local</c> space): where the frame's picture lies — <see cref="Camera"/> the eyes'
/// midpoint it was rendered from (after the view range's clamp), <see cref="Centre"/>, unit <see cref="Right"/> and
/// <see cref="Up"/> axes, <see cref="SideMetres"/>; a side-by-side frame's halves both cover it, each for its eye.
/// <see cref="Parts"/>: where the pose-to-photon went, on the first frame sent with the pose (the one timed), else null.
/// </summary>
public sealed record PosedFrame(
    uint RtpTimestamp,
    double PoseTimestampMs,
    double PoseToPhotonMs,
    float[] Camera,
    float[] Centre,
    float[] Right,
    float[] Up,
    float SideMetres,
    PoseLatencyParts? Parts = null);
