using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>Relief v2's mirror fill: the badly seen side of a turned face recoloured from its other side, nothing else.</summary>
public sealed class ReliefV2MirrorFillTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>, IDisposable
{
    private readonly ModelBundle _withoutFill = ReliefV2Fixture.Variant("relief-v2 without mirror fill", ReliefOptions.Default with { MirrorFill = false });

    public void Dispose() => _withoutFill.Dispose();

    /// <summary>A frontal photo sees both sides of the face alike: the fill leaves its colours exactly as they were.</summary>
    [Fact]
    public void FrontalPhoto_IsLeftAsItIs()
    {
        var without = _withoutFill.Encoder.Encode(relief.Face);
        Assert.Equal(without.Channel(ReliefV2Channels.XyPlane, 0).ToArray(), relief.Planes.Channel(ReliefV2Channels.XyPlane, 0).ToArray());
    }

    /// <summary>
    /// The portrait turned by 25° (its own render, the camera orbited toward the subject's left) shows her right cheek
    /// and the right flank of her nose foreshortened: the fill recolours face texels on that side of the face's midline
    /// (image left, world x &lt; 0 of it) and hardly any on the side the camera saw well. The midline is the mesh's, row
    /// by row: the turned photo's nose ridge slants, its bridge a few texels nearer the camera's side than its tip.
    /// </summary>
    [Fact]
    public void TurnedPhoto_IsRecolouredOnTheFarSideOnly()
    {
        var photo = RenderTurned(25f);
        var face = relief.Prepare(photo);
        var filled = relief.Bundle.Encoder.Encode(face);
        var plain = _withoutFill.Encoder.Encode(face);

        var r = relief.Options.Resolution;
        var midline = Midline.Select(i => relief.Texel(new(face.Mesh![i].X, face.Mesh[i].Y), relief.Options.FacePlaneZ)).ToArray();
        int MidlineColumn(int row) => midline.MinBy(p => Math.Abs(p.Row - row)).Column;
        var changed = ReliefV2Fixture.ChangedColourTexels(filled, plain, 0.03f);
        var far = changed.Count(i => i % r < MidlineColumn(i / r));
        var near = changed.Count - far;
        output.WriteLine($"texel colours changed: {far} on the far side, {near} on the near side");
        Assert.True(far > 50, $"only {far} texel colours changed on the far side");
        Assert.True(far > 4 * near, $"{far} changed on the far side, {near} on the near side");
    }

    /// <summary>MediaPipe face-mesh landmarks on the face's midline, forehead to chin (nose bridge, ridge and tip, lips).</summary>
    private static readonly int[] Midline = [10, 151, 9, 8, 168, 6, 197, 195, 5, 4, 1, 2, 164, 0, 13, 14, 17, 18, 200, 199, 175, 152];

    private RgbImage RenderTurned(float yaw)
    {
        const int size = 512;
        var target = RenderTarget.Allocate(size, size);
        new CpuVolumeRenderer().Render(new RenderRequest(relief.Planes, relief.Bundle.Decoder, relief.Bundle.Rendering, new CameraView(yaw, 0), size, size)
        {
            Live = LiveSampling.ForOutput(size),
        }, target);
        return target.ToRgbImage();
    }
}
