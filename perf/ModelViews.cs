using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Perf;

/// <summary>
/// One picture's views through one model as the fidelity benchmark renders them: the face aligned and encoded once,
/// each view rendered on the CPU (the live sampler, or EG3D's at 48 + 48) over the kept background, which is what a
/// user sees by default (relief v2 keeps the room out of the volume).
/// </summary>
internal sealed class ModelViews
{
    private static readonly SampleCounts ReferenceSamples = new(48, 48);

    private readonly ModelBundle _bundle;
    private readonly CpuVolumeRenderer _renderer;
    private readonly bool _live;
    private readonly Triplanes _planes;
    private readonly BackgroundComposer _background = new();
    private readonly FarLayerSource _farLayer;

    public ModelViews(RgbImage image, FaceDetection face, ModelBundle bundle, CpuVolumeRenderer renderer, bool live)
    {
        (_bundle, _renderer, _live) = (bundle, renderer, live);
        Aligned = PortraitScene.AlignForBundle(image, face, bundle);
        _planes = bundle.Encoder.Encode(Aligned);
        _farLayer = Aligned.FarLayerSource(image, bundle.Rendering);
    }

    /// <summary>The face as the model's encoder took it.</summary>
    public AlignedFace Aligned { get; }

    /// <summary>The view as a <paramref name="size"/>² picture.</summary>
    public RgbImage Render(CameraView view, RenderStyle style, int size)
    {
        var request = new RenderRequest(_planes, _bundle.Decoder, _bundle.Rendering, view, size, size) { Style = style };
        return KeptBackgroundView.Render(_renderer, _background,
            _live ? request with { Live = LiveSampling.ForOutput(size) } : request with { Samples = ReferenceSamples }, _farLayer);
    }
}
