using PortraitStream.Renderer.Camera;

namespace PortraitStream.Server.Pipeline.Control;

internal sealed partial class SessionControl
{
    private volatile StereoBox? _stereo;

    /// <summary>Side-by-side stereo output (<c>SetStereo</c>); null for the one mono view (the default).</summary>
    public StereoRig? Stereo
    {
        get => _stereo?.Rig;
        set => _stereo = value is { } rig ? new StereoBox(rig) : null;
    }

    /// <summary>A reference holder, so the pipeline's loop reads the setting in one volatile read (a struct cannot be volatile).</summary>
    private sealed record StereoBox(StereoRig Rig);
}
