using System.Buffers;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Perf;

/// <summary>
/// The live pipeline's stages for one session, driven in-process on the committed portrait as a 320×240 camera frame
/// (what the browser page sends): decode (VP8 → I420 → RGB), analyse (face tracking with detection every third frame,
/// aligned crop, relief encoder on ONNX Runtime CPU), render (<see cref="Size"/>² with the live sampler, yaw 20°, the
/// factory's choice: Vulkan when a device exists; and on the CPU reference), transmit (VP8 encode of the rendered
/// picture), and all four in a row. 256² is the CPU-friendly size, 512² the design's GPU target.
/// One operation is one frame; the live loops overlap the stages, so the slowest stage bounds the frame rate.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PipelineBenchmarks
{

    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private OnnxSessionFactory _sessions = null!;
    private ModelBundle _bundle = null!;
    private VolumeRendererFactory _renderers = null!;
    private FrameAnalyser _analyser = null!;
    private ViewRenderer _renderer = null!;
    private ViewRenderer _cpuRenderer = null!;
    private Vp8Decoder _decoder = null!;
    private VideoStreamEncoder _encoder = null!;
    private byte[] _vp8Camera = [];
    private RgbImage _camera = null!;
    private AnalysedFrame _analysed = null!;
    private I420Frame _picture = null!;
    private RenderQuality _quality = null!;
    private long _frame;

    [Params(256, 512)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        _bundle = ModelBundle.Load(ReliefBundle.Default, _sessions);
        _renderers = new VolumeRendererFactory(RendererKind.Auto);
        _analyser = new FrameAnalyser(_sessions);
        _renderer = new ViewRenderer(_renderers.Create());
        _cpuRenderer = new ViewRenderer(new CpuVolumeRenderer());
        _decoder = new Vp8Decoder();
        _encoder = VideoCodecs.CreateStreamEncoder(VideoCodec.Vp8);
        _picture = I420Frame.Rent(Size, Size);
        _quality = new RenderQuality(Size, SamplerQuality.Live, 0);

        var portrait = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        var camera = new RgbImage(320, 240);
        // Stretched to 320×240 as the end-to-end tests' fake camera clip is.
        ImageWarp.Warp(portrait, camera, new AffineTransform2D(portrait.Width / 320f, 0, 0, portrait.Height / 240f, 0, 0));
        _camera = camera;
        using var i420 = I420Frame.Rent(camera.Width, camera.Height);
        I420Conversion.FromRgb24(camera.Pixels, camera.Stride, i420);
        using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = 320, Height = 240, TargetBitrateKbps = 800 });
        encoder.TryEncode(i420, 0, _output, out _);
        _vp8Camera = _output.WrittenSpan.ToArray();
        _analysed = Analyse();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _analysed.Dispose();
        _picture.Dispose();
        _encoder.Dispose();
        _decoder.Dispose();
        _renderer.Dispose();
        _cpuRenderer.Dispose();
        _analyser.Dispose();
        _renderers.Dispose();
        _bundle.Dispose();
    }

    [Benchmark]
    public RgbImage Decode()
    {
        _decoder.Decode(_vp8Camera, out var picture);
        using (picture)
        {
            var rgb = new RgbImage(picture!.Width, picture.Height);
            I420Conversion.ToRgb24(picture, rgb.Pixels, rgb.Stride);
            return rgb;
        }
    }

    [Benchmark]
    public void AnalyseStage() => Analyse().Dispose();

    [Benchmark]
    public void RenderStage() => _renderer.Compose(_analysed, _analysed, new CameraView(20, 0), _quality, BackgroundChoice.Keep, _picture);

    /// <summary>The same render on the CPU reference, for the choice of renderer on machines without a GPU.</summary>
    [Benchmark]
    public void RenderStageCpu() => _cpuRenderer.Compose(_analysed, _analysed, new CameraView(20, 0), _quality, BackgroundChoice.Keep, _picture);

    [Benchmark]
    public int Transmit()
    {
        _output.ResetWrittenCount();
        _encoder.TryEncode(_picture, _frame++ * 3000, 800_000, keyFrame: false, _output, out var info);
        return info.Length;
    }

    [Benchmark]
    public int WholeFrame()
    {
        var camera = Decode();
        using var analysed = _analyser.Analyse(new CameraFrame(camera, TimeSpan.FromSeconds(_frame / 30.0), FrameTimings.Start()), _bundle);
        _renderer.Compose(analysed, analysed, new CameraView(20, 0), _quality, BackgroundChoice.Keep, _picture);
        return Transmit();
    }

    private AnalysedFrame Analyse() =>
        _analyser.Analyse(new CameraFrame(_camera, TimeSpan.FromSeconds(_frame++ / 30.0), FrameTimings.Start()), _bundle);
}
