using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Tests.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Faces.Mesh;

/// <summary>
/// A real face turned by a known angle: the committed portrait through relief v2 (<see cref="ReliefV2Fixture"/>),
/// rendered by EG3D's sampler over the photo's own background as `render` draws it, small enough for a quick test.
/// </summary>
public sealed class TurnedPortrait : IDisposable
{
    /// <summary>Side of each render; BlazeFace still sees the face at about 50 px.</summary>
    public const int Size = 128;

    private static readonly SampleCounts Samples = new(16, 16);

    private readonly ReliefV2Fixture _relief = new();
    private readonly CpuVolumeRenderer _renderer = new();
    private readonly BackgroundComposer _background = new();
    private RgbImage? _front;

    /// <summary>The crop framing relief v2's encoder takes, which the server's tracker cuts its crops with.</summary>
    public FaceFraming Framing => _relief.Bundle.Manifest.Encoder.Framing;

    /// <summary>The frontal render, the pose turns are measured from (rendered once per test class).</summary>
    public RgbImage Front => _front ??= Render(CameraView.Front);

    /// <summary>The portrait's head seen from <paramref name="view"/>, as a photo.</summary>
    public RgbImage Render(CameraView view)
    {
        var bundle = _relief.Bundle;
        var target = RenderTarget.Allocate(Size, Size);
        _renderer.Render(new RenderRequest(_relief.Planes, bundle.Decoder, bundle.Rendering, view, Size, Size) { Samples = Samples }, target);
        _background.Compose(target, BackgroundChoice.Keep, view, _relief.Face.FarLayerSource(TestData.Portrait, bundle.Rendering), transparentRemove: false);
        return target.ToRgbImage();
    }

    public void Dispose() => _relief.Dispose();
}
