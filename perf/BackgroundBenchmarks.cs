using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Segmentation;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Perf;

/// <summary>
/// The background layer at the live default 256²: building the far layer from the committed portrait's aligned 256²
/// crop and its selfie-segmentation matte (once per analysed frame), and compositing each background under a render
/// that is transparent everywhere (the worst case, once per rendered frame; a real render pays only where it is not
/// opaque).
/// </summary>
[MemoryDiagnoser]
public class BackgroundBenchmarks
{
    private const int Size = 256;
    private static readonly CameraView Turned = new(20f, 5f);

    private RgbImage _crop = null!;
    private float[] _matte = null!;
    private FarLayerSource _withSurround = null!;
    private FarLayerSource _withPictureMatte = null!;
    private float[] _confidence = null!;
    private RgbImage _filled = null!;
    private FarLayer _farLayer = null!;
    private RenderTarget _target = null!;
    private PinholeCamera _camera;
    private BackgroundComposer _composer = null!;
    private BackgroundChoice _colour = null!;
    private BackgroundChoice _image = null!;

    [GlobalSetup]
    public void Setup()
    {
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        var portrait = new ImageFiles().ReadAsync(PortraitScene.CommittedPortrait).GetAwaiter().GetResult();
        AlignedFace aligned;
        using (var detector = new BlazeFaceDetector(sessions))
        {
            aligned = FaceAligner.Align(portrait, detector.Detect(portrait)[0], Size, FaceFraming.Default);
        }
        _crop = aligned.Crop;
        PictureMatte pictureMatte;
        using (var matte = new PersonMatte(sessions))
        {
            _matte = matte.Segment(_crop); // 256² in, 256² out: one value per crop pixel
            pictureMatte = matte.SegmentPicture(portrait);
        }
        _withSurround = (aligned with { Matte = _matte }).FarLayerSource(portrait, RenderingConfig.Eg3dFfhq);
        _withPictureMatte = (aligned with { Matte = _matte, PictureMatte = pictureMatte }).FarLayerSource(portrait, RenderingConfig.Eg3dFfhq);
        _confidence = _matte.Select(m => m < 0.5f ? 1f : 0f).ToArray();
        _filled = new RgbImage(Size, Size);
        _farLayer = FarLayer.Build(_crop, _matte, RenderingConfig.Eg3dFfhq, blurred: false);
        _target = RenderTarget.Allocate(Size, Size);
        _camera = PinholeCamera.For(Turned, RenderingConfig.Eg3dFfhq, Size, Size);
        _composer = new BackgroundComposer();
        _colour = BackgroundChoice.Of(BackgroundSetting.Parse("color:#3060a0"));
        _image = BackgroundChoice.WithBackdrop(BackgroundSetting.Image("portrait.png"), portrait, 512, ImageWarp.Warp);
    }

    /// <summary>Once per analysed frame, keep: hole fill (mirrored), quarter-size blurred continuation, extended texture.</summary>
    [Benchmark]
    public int BuildKeep() => FarLayer.Build(_crop, _matte, RenderingConfig.Eg3dFfhq, blurred: false).Depth > 0 ? 1 : 0;

    /// <summary>Keep in a stream: the build reuses the previous layer's pictures, as the composer does.</summary>
    [Benchmark]
    public int RebuildKeep()
    {
        _farLayer = FarLayer.Build(new FarLayerSource(_crop, _matte, RenderingConfig.Eg3dFfhq), blurred: false, recycle: _farLayer);
        return _farLayer.Depth > 0 ? 1 : 0;
    }

    /// <summary>
    /// Keep in a stream with the camera picture around the crop (what the server and the CLI do): the surround cut at
    /// a third of the crop's scale over three crop widths and its hole filled, instead of the quarter-size blur.
    /// </summary>
    [Benchmark]
    public int RebuildKeepWithSurround()
    {
        _farLayer = FarLayer.Build(_withSurround, blurred: false, recycle: _farLayer);
        return _farLayer.Depth > 0 ? 1 : 0;
    }

    /// <summary>The same with the whole picture's matte saying where the person is beyond the crop (the server's keep and blur).</summary>
    [Benchmark]
    public int RebuildKeepWithPictureMatte()
    {
        _farLayer = FarLayer.Build(_withPictureMatte, blurred: false, recycle: _farLayer);
        return _farLayer.Depth > 0 ? 1 : 0;
    }

    /// <summary>Blur's hole fill alone (push-pull over the 256² crop).</summary>
    [Benchmark]
    public int PushPull() => PushPullFill.Fill(_crop, _confidence).Width;

    /// <summary>Keep's hole fill alone (the room's texture mirrored into the hole of the 256² crop); a build with the surround runs it twice, on the crop and on the 256² surround.</summary>
    [Benchmark]
    public int Mirror()
    {
        MirrorFill.Fill(_crop, _confidence, _filled);
        return _filled.Width;
    }

    /// <summary>Once per analysed frame, blur: the hole fill and the quarter-size blur, no extended texture.</summary>
    [Benchmark]
    public int BuildBlur() => FarLayer.Build(_crop, _matte, RenderingConfig.Eg3dFfhq, blurred: true).Depth > 0 ? 1 : 0;

    /// <summary>Per rendered frame, keep: every pixel's ray to the plane, a bilinear sample, the blend.</summary>
    [Benchmark(Baseline = true)]
    public byte CompositeKeep()
    {
        Array.Clear(_target.Rgba);
        _farLayer.CompositeUnder(_target, _camera);
        return _target.Rgba[0];
    }

    [Benchmark]
    public byte CompositeColour()
    {
        Array.Clear(_target.Rgba);
        _composer.Compose(_target, _colour, Turned, null, transparentRemove: false);
        return _target.Rgba[0];
    }

    /// <summary>Per rendered frame, image: the cover-fitted picture is cached per output size, so this is the blend alone.</summary>
    [Benchmark]
    public byte CompositeImage()
    {
        Array.Clear(_target.Rgba);
        _composer.Compose(_target, _image, Turned, null, transparentRemove: false);
        return _target.Rgba[0];
    }
}
