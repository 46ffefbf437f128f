using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Styles;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// The render stage of one stream: triplanes → RGBA through the session's renderer (the shared Vulkan device or the
/// CPU reference) into a reused target over the chosen background, or, without triplanes, the camera picture itself
/// centre-cropped and scaled to the output square. One thread.
/// </summary>
internal sealed class ViewRenderer(IVolumeRenderer renderer) : IDisposable
{
    private readonly BackgroundComposer _background = new();
    private RenderTarget? _target;

    /// <summary>The renderer's short name ("vulkan", "cpu").</summary>
    public string Name => renderer.Name;

    /// <summary>
    /// Renders <paramref name="triplanes"/> from <paramref name="view"/> in <paramref name="style"/>, both eyes side by
    /// side when <paramref name="stereo"/> is set; the target is reused by the next call. With <paramref name="reuse"/>
    /// <see cref="FieldReuse.PoseFrame"/> it re-renders the triplanes this renderer's previous call rendered, at a new
    /// viewer pose: it keeps that frame's field, decoder and occupancy grid
    /// (<see cref="RenderRequest.SameFieldAsPreviousFrame"/>) and, live, marches the coarser geometry grid of
    /// <see cref="LiveSampling.ForPoseFrame"/>, so it costs about 0.6 of a camera frame at 256²; with
    /// <see cref="FieldReuse.Prepared"/> it keeps what <see cref="Prepare"/> just did for these triplanes.
    /// </summary>
    public RenderTarget Render(Triplanes triplanes, ModelBundle bundle, CameraView view, RenderQuality quality, StereoRig? stereo = null,
        RenderStyle style = RenderStyle.None, FieldReuse reuse = FieldReuse.None)
    {
        var request = Request(triplanes, bundle, view, quality, reuse) with { Stereo = stereo, Style = style };
        if (_target is null || _target.Width != request.TargetWidth || _target.Height != quality.Size)
        {
            _target = RenderTarget.Allocate(request.TargetWidth, quality.Size);
        }
        renderer.Render(request, _target);
        return _target;
    }

    /// <summary>
    /// The view-independent part of composing <paramref name="source"/>'s triplanes at <paramref name="quality"/> over
    /// <paramref name="background"/> — the field loaded and, live, its occupancy grid built
    /// (<see cref="IVolumeRenderer.PrepareField"/>), keep's or blur's far layer built — ahead of a <see cref="Compose"/>
    /// of the same source with <see cref="FieldReuse.Prepared"/>, so the caller can choose the view (read the newest
    /// viewer pose) after it. Nothing for a source without triplanes.
    /// </summary>
    public void Prepare(AnalysedFrame source, RenderQuality quality, BackgroundChoice background)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Triplanes is { } triplanes)
        {
            renderer.PrepareField(Request(triplanes.Triplanes, source.Bundle, default, quality, FieldReuse.None));
            _background.Prepare(background, LayerSourceOf(source));
        }
    }

    private static FarLayerSource? LayerSourceOf(AnalysedFrame source) => source.Aligned?.FarLayerSource(source.Camera.Image, source.Bundle.Rendering);

    private static RenderRequest Request(Triplanes triplanes, ModelBundle bundle, CameraView view, RenderQuality quality, FieldReuse reuse)
    {
        var request = new RenderRequest(triplanes, bundle.Decoder, bundle.Rendering, view, quality.Size, quality.Size)
        {
            SameFieldAsPreviousFrame = reuse != FieldReuse.None,
        };
        return quality.Sampler == SamplerQuality.Live
            ? request with
            {
                Live = reuse == FieldReuse.PoseFrame ? LiveSampling.ForPoseFrame(quality.Size) : LiveSampling.ForOutput(quality.Size),
                FollowsPreviousFrame = true,
            }
            : request with { Samples = new SampleCounts(quality.Samples, quality.Samples) };
    }

    /// <summary>
    /// Fills <paramref name="picture"/>: <paramref name="source"/>'s triplanes seen from <paramref name="view"/> (by both
    /// eyes of <paramref name="stereo"/>, side by side) over <paramref name="background"/>, or without a source
    /// <paramref name="frame"/>'s camera picture passed through (in both halves in stereo, so the stream keeps its size).
    /// Plain (<paramref name="withAlpha"/> false): <paramref name="quality"/>'s size (twice as wide in stereo), and remove
    /// paints the chroma key, since video has no alpha. With alpha: the <see cref="AlphaPackedPicture"/> layout, remove
    /// leaves the render's own opacity (its silhouette anti-aliased, as under every background), and without a source the frame is empty (an
    /// overlay shows nothing rather than the room). The render is drawn in <paramref name="style"/>; a camera picture
    /// passed through is not. <paramref name="reuse"/>: what the render keeps from the renderer's work before (<see cref="Render"/>).
    /// </summary>
    public void Compose(AnalysedFrame frame, AnalysedFrame? source, CameraView view, RenderQuality quality, BackgroundChoice background,
        I420Frame picture, StereoRig? stereo = null, bool withAlpha = false, RenderStyle style = RenderStyle.None, FieldReuse reuse = FieldReuse.None)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(picture);
        if (source?.Triplanes is { } triplanes)
        {
            var target = Render(triplanes.Triplanes, source.Bundle, view, quality, stereo, style, reuse);
            _background.Compose(target, background, view, LayerSourceOf(source), transparentRemove: withAlpha, stereo);
            if (withAlpha)
            {
                AlphaPackedPicture.Pack(target, picture);
            }
            else
            {
                I420Conversion.FromRgba32(target.Rgba, target.Width * 4, picture);
            }
        }
        else if (withAlpha)
        {
            AlphaPackedPicture.Clear(picture);
        }
        else
        {
            var camera = Passthrough(frame.Camera.Image, quality.Size);
            if (stereo is not null)
            {
                camera = SideBySide(camera);
            }
            I420Conversion.FromRgb24(camera.Pixels, camera.Stride, picture);
        }
    }

    /// <summary>A picture of the size <see cref="Compose"/> fills for <paramref name="quality"/> (pooled: the caller disposes it).</summary>
    public static I420Frame RentPicture(RenderQuality quality, bool stereo, bool withAlpha) =>
        I420Frame.Rent(stereo ? 2 * quality.Size : quality.Size, withAlpha ? AlphaPackedPicture.Height(quality.Size) : quality.Size);

    /// <summary>The centre square of <paramref name="camera"/>, scaled to <paramref name="size"/>² (what "no face" shows).</summary>
    public static RgbImage Passthrough(RgbImage camera, int size)
    {
        var side = Math.Min(camera.Width, camera.Height);
        return ImageWarp.Crop(camera, AffineTransform2D.SquareCrop(camera.Width / 2f, camera.Height / 2f, side, 0, size), size);
    }

    /// <summary><paramref name="picture"/> twice, side by side: the one camera picture shown to both eyes.</summary>
    private static RgbImage SideBySide(RgbImage picture)
    {
        var pair = new RgbImage(2 * picture.Width, picture.Height);
        for (int y = 0; y < picture.Height; y++)
        {
            var row = picture.Pixels.AsSpan(y * picture.Stride, 3 * picture.Width);
            row.CopyTo(pair.Pixels.AsSpan(y * pair.Stride));
            row.CopyTo(pair.Pixels.AsSpan(y * pair.Stride + 3 * picture.Width));
        }
        return pair;
    }

    public void Dispose() => (renderer as IDisposable)?.Dispose();
}
