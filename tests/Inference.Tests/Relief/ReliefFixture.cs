using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>The default relief bundle, loaded once for a test class, and probes into the triplanes it makes.</summary>
public sealed class ReliefFixture : IDisposable
{
    public ModelBundle Bundle { get; } = ModelBundle.Load(ReliefBundle.Default, TestData.Sessions);

    public ReliefOptions Options { get; } = ReliefOptions.Default;

    /// <summary>A crop point (normalised, y down) lifted onto the face plane, as the relief graph lifts keypoints.</summary>
    public Vector2 ToWorld(Vector2 crop)
    {
        var scale = (Options.CameraRadius - Options.FacePlaneZ) / Options.FocalLength;
        return new Vector2((crop.X - 0.5f) * scale, (0.5f - crop.Y) * scale);
    }

    /// <summary>World z of the relief surface at (x, y): minus the XY plane's depth channel, bilinearly sampled.</summary>
    public float Depth(Triplanes planes, Vector2 world) => -Sample(planes, ReliefChannels.Depth, world);

    /// <summary>The surface colour at (x, y), decoded from the XY plane's logits as EG3D's colour activation does.</summary>
    public Vector3 Colour(Triplanes planes, Vector2 world) => new(
        Activate(Sample(planes, 0, world)), Activate(Sample(planes, 1, world)), Activate(Sample(planes, 2, world)));

    public void Dispose() => Bundle.Dispose();

    private static float Activate(float logit) => 1f / (1f + MathF.Exp(-logit)) * 1.002f - 0.001f;

    private float Sample(Triplanes planes, int channel, Vector2 world)
    {
        var r = planes.Layout.Resolution;
        var half = Options.BoxWarp / 2f;
        // align_corners=False: texel i's centre is at ((2i + 1) / R − 1) · half.
        var u = (world.X / half + 1f) * r / 2f - 0.5f;
        var v = (world.Y / half + 1f) * r / 2f - 0.5f;
        int u0 = (int)MathF.Floor(u), v0 = (int)MathF.Floor(v);
        float fu = u - u0, fv = v - v0;
        var data = planes.Channel(ReliefChannels.XyPlane, channel).ToArray();
        float At(int x, int y) => data[y * r + x];
        return (1 - fv) * ((1 - fu) * At(u0, v0) + fu * At(u0 + 1, v0)) + fv * ((1 - fu) * At(u0, v0 + 1) + fu * At(u0 + 1, v0 + 1));
    }
}
