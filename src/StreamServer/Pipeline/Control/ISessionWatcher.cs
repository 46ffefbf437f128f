using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// Someone who follows one session: the browser that opened it, a controller attached to it. The layer above
/// (Signalling) implements it, so the pipeline hands out stats and the end without knowing who listens or how.
/// Calls must not block: they come from the stats timer and the session table.
/// </summary>
internal interface ISessionWatcher
{
    /// <summary>The session's latest figures, about twice a second while its pipeline runs.</summary>
    void OnStats(StreamStats stats);

    /// <summary>A frame a viewer's pose steered was sent: which pose, and the quad to show it on (SetViewerPose).</summary>
    void OnPosedFrame(PosedFrame frame);

    /// <summary>The session ended (once; <paramref name="byItself"/> false when closed or replaced on request).</summary>
    void OnEnded(string sessionId, string reason, bool byItself);
}
