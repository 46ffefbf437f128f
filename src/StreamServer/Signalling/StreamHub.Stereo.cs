using PortraitStream.Renderer.Camera;

namespace PortraitStream.Server.Signalling;

internal sealed partial class StreamHub
{
    /// <summary>
    /// Side-by-side stereo on or off: the video becomes the left eye's view | the right eye's, each the session's size,
    /// from eyes <paramref name="ipdMm"/> millimetres apart (<see cref="StereoRig"/>; ignored when off).
    /// </summary>
    public void SetStereo(bool on, double ipdMm) => Control(c =>
    {
        if (!on)
        {
            c.Stereo = null;
            return;
        }
        var rig = new StereoRig((float)ipdMm);
        c.Stereo = rig.Problem() is { } problem ? throw new ArgumentException($"SetStereo: {problem}") : rig;
    });
}
