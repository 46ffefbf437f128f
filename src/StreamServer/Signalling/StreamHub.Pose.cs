using System.Diagnostics;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Signalling;

internal sealed partial class StreamHub
{
    /// <summary>
    /// The viewer's head pose (WebXR <c>local</c> space: <paramref name="position"/> [x, y, z] in metres, <paramref name="orientation"/>
    /// a unit quaternion [x, y, z, w]) at <paramref name="timestampMs"/> on the viewer's clock; the newest steers the
    /// camera (<see cref="ViewerWindow"/>) and each frame rendered from it reports the timestamp. Up to
    /// <see cref="SessionControl.PosesPerSecond"/> a second on a budget of their own; beyond that a pose is dropped,
    /// counted, and the call returns false. Malformed values come back as a HubException saying which.
    /// </summary>
    public bool SetViewerPose(double[]? position, double[]? orientation, double timestampMs)
    {
        var received = Stopwatch.GetTimestamp();
        // Poses have their own budget (SessionControl.TryAdmitPose), not the control calls' rate limit.
        var control = Steered(HubConnectionState.Of(Context));
        if (!control.TryAdmitPose())
        {
            return false; // not logged: a flood would turn into a flood of log lines
        }

        try
        {
            control.SetPose(ViewerPose.From(position, orientation, timestampMs, received));
            return true;
        }
        catch (ArgumentException e)
        {
            throw Refuse(e.Message);
        }
    }
}
