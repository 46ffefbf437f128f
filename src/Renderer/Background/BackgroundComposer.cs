using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// Puts the chosen background under a render's transparency, one stream's frames after another (one thread). It
/// keeps what is costly to make between frames: the far layer of the current analysed frame (rebuilt when the crop,
/// matte, bundle or keep/blur change) and the image background fitted to the current output size.
/// </summary>
public sealed class BackgroundComposer
{
    private FarLayer? _farLayer;
    private (FarLayerSource Source, bool Blurred)? _farLayerOf;
    private RgbImage? _fitted;
    private (RgbImage Backdrop, int Width, int Height)? _fittedOf;

    /// <summary>
    /// <paramref name="target"/>, rendered from <paramref name="view"/>, its silhouette anti-aliased
    /// (<see cref="SilhouetteAntialiasing"/>), over <paramref name="choice"/>'s background.
    /// <paramref name="source"/> is needed by keep and blur only. <paramref name="transparentRemove"/>: remove leaves
    /// the render's alpha for an output that keeps it (PNG); otherwise (video, which has none) it paints
    /// <see cref="BackgroundColour.ChromaKey"/>. <paramref name="stereo"/>: the target is a side-by-side pair
    /// (<see cref="RenderRequest.Stereo"/>), and each eye's half gets the background as that eye sees it.
    /// </summary>
    public void Compose(RenderTarget target, BackgroundChoice choice, CameraView view, FarLayerSource? source, bool transparentRemove,
        StereoRig? stereo = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(choice);
        var setting = choice.Setting;
        if (BackgroundBlend.IsOpaque(target))
        {
            return;
        }
        // The person's outline is softened first, so whatever goes under it shows through the partly covered edge
        // pixels as it would through a real camera's (and a transparent output keeps a smooth alpha).
        SilhouetteAntialiasing.Apply(target, stereo is null ? 1 : 2);
        switch (setting.Mode)
        {
            case BackgroundMode.Remove when transparentRemove:
                return;
            case BackgroundMode.Remove:
                BackgroundBlend.UnderColour(target, BackgroundColour.ChromaKey);
                return;
            case BackgroundMode.Color:
                BackgroundBlend.UnderColour(target, setting.Colour);
                return;
            case BackgroundMode.Image:
                // A flat backdrop: each eye gets the same picture, i.e. it sits at the face's depth (zero parallax).
                int width = stereo is null ? target.Width : target.Width / 2;
                var fitted = Fitted(choice.Backdrop!, choice.Resampler!, width, target.Height);
                for (int column = 0; column < target.Width; column += width)
                {
                    BackgroundBlend.UnderPicture(target, fitted, column);
                }
                return;
            default:
                if (source is null)
                {
                    throw new ArgumentNullException(nameof(source), $"background {setting} needs the analysed frame's crop");
                }
                var layer = FarLayerFor(source, setting.Mode == BackgroundMode.Blur);
                if (stereo is not { } rig)
                {
                    layer.CompositeUnder(target, PinholeCamera.For(view, source.Rendering, target.Width, target.Height));
                    return;
                }
                var mono = PinholeCamera.For(view, source.Rendering, target.Width / 2, target.Height);
                layer.CompositeUnder(target, rig.Eye(mono, StereoEye.Left, source.Rendering), 0);
                layer.CompositeUnder(target, rig.Eye(mono, StereoEye.Right, source.Rendering), mono.Width);
                return;
        }
    }

    /// <summary>
    /// Builds ahead what <see cref="Compose"/> will need for <paramref name="choice"/> and <paramref name="source"/> and
    /// no view changes — keep's or blur's far layer of the analysed frame — so a caller can choose the view after it
    /// (the live pipeline reads a viewer's pose then). Nothing for the other backgrounds or without a source.
    /// </summary>
    public void Prepare(BackgroundChoice choice, FarLayerSource? source)
    {
        ArgumentNullException.ThrowIfNull(choice);
        if (source is not null && choice.Setting.ShowsRoom)
        {
            FarLayerFor(source, choice.Setting.Mode == BackgroundMode.Blur);
        }
    }

    private FarLayer FarLayerFor(FarLayerSource source, bool blurred)
    {
        // Same objects, same layer: the pipeline hands a new crop and matte with every analysed frame, while a held
        // frame (no face for a moment) or a view change re-renders the same ones.
        if (_farLayer is null || _farLayerOf is not { } of || of.Blurred != blurred
            || !ReferenceEquals(of.Source.Crop, source.Crop) || !ReferenceEquals(of.Source.Matte, source.Matte)
            || !ReferenceEquals(of.Source.Rendering, source.Rendering) || !ReferenceEquals(of.Source.Surround?.Frame, source.Surround?.Frame)
            || !ReferenceEquals(of.Source.Surround?.Matte, source.Surround?.Matte))
        {
            // The previous layer is never composited again: its pictures are reused.
            _farLayer = FarLayer.Build(source, blurred, recycle: _farLayer);
            _farLayerOf = (source, blurred);
        }
        return _farLayer;
    }

    /// <summary>
    /// <paramref name="backdrop"/> cover-fitted to width × height: scaled so that it covers the output with its centre
    /// on the output's centre, the overflow cut off (CSS object-fit: cover), as video-call backgrounds are.
    /// </summary>
    private RgbImage Fitted(RgbImage backdrop, ImageResampler resampler, int width, int height)
    {
        if (_fitted is null || _fittedOf is not { } of || !ReferenceEquals(of.Backdrop, backdrop) || of.Width != width || of.Height != height)
        {
            var scale = MathF.Max((float)width / backdrop.Width, (float)height / backdrop.Height);
            var outputToBackdrop = new AffineTransform2D(1f / scale, 0, 0, 1f / scale,
                0.5f * (backdrop.Width - width / scale), 0.5f * (backdrop.Height - height / scale));
            _fitted = new RgbImage(width, height);
            resampler(backdrop, _fitted, outputToBackdrop);
            _fittedOf = (backdrop, width, height);
        }
        return _fitted;
    }
}
