using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Perf;

/// <summary>
/// Face detection and alignment on one 640×480 webcam-sized frame (the committed portrait scaled 1.2× onto the
/// frame), ONNX Runtime CPU: the per-frame cost the live pipeline pays on a detection frame.
/// </summary>
[MemoryDiagnoser]
public class FaceDetectionBenchmarks
{
    private RgbImage _frame = null!;
    private BlazeFaceDetector _refined = null!;
    private BlazeFaceDetector _coarse = null!;
    private FaceDetection _face = null!;

    [GlobalSetup]
    public void Setup()
    {
        var portrait = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        // frame → portrait: scale 1/1.2 about the frame centre.
        const float Scale = 1 / 1.2f;
        _frame = new RgbImage(640, 480);
        ImageWarp.Warp(portrait, _frame, new AffineTransform2D(Scale, 0, 0, Scale, 256 - 320 * Scale, 256 - 240 * Scale));
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        _refined = new BlazeFaceDetector(sessions);
        _coarse = new BlazeFaceDetector(sessions, FaceDetectorOptions.Default with { Refine = false });
        _face = _refined.Detect(_frame).Single();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _refined.Dispose();
        _coarse.Dispose();
    }

    /// <summary>One full-frame BlazeFace pass (letterbox, inference, decode, NMS).</summary>
    [Benchmark]
    public int DetectCoarse() => _coarse.Detect(_frame).Count;

    /// <summary>Full-frame pass plus the refinement pass around the face: what the tracker runs.</summary>
    [Benchmark(Baseline = true)]
    public int DetectRefined() => _refined.Detect(_frame).Count;

    /// <summary>The aligned 256² crop alone.</summary>
    [Benchmark]
    public int Align256() => FaceAligner.Align(_frame, _face, 256, FaceFraming.Default).Crop.Width;

    /// <summary>Detection and alignment: a detection frame's whole face-tracking cost.</summary>
    [Benchmark]
    public int DetectAndAlign256() => FaceAligner.Align(_frame, _refined.Detect(_frame)[0], 256, FaceFraming.Default).Crop.Width;
}
