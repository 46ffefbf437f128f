namespace PortraitStream.Server.Pipeline.Stats;

// Public, like PosedFrame, which carries it to the viewer's page.
/// <summary>
/// Where a pose's pose-to-photon went, on the first frame sent with it (the one timed): <see cref="WaitMs"/> from the
/// hub taking the pose to the render that shows it taking its view (a render already under way, or a stalled pose
/// stream while the loop was busy; a camera frame takes its view after loading its field and grid),
/// <see cref="RenderMs"/> that render from then on (the view's render, background, I420),
/// <see cref="HandOverMs"/> from its end to the transmit loop taking the picture (the previous frame still being
/// encoded, or a pose frame waiting for the slot), <see cref="SendMs"/> VP8 and its packets. <see cref="Frame"/>:
/// "camera" (a camera frame rendered at the newest pose), "pose" (a pose-only re-render between camera frames) or
/// "pose-first" (a pose frame rendered ahead of a waiting camera frame, <c>PoseDeadline</c>). The four parts add up to
/// the frame's pose-to-photon.
/// </summary>
public sealed record PoseLatencyParts(string Frame, double WaitMs, double RenderMs, double HandOverMs, double SendMs);
