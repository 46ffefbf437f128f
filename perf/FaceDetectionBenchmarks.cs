using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Perf;

/// <summary>
/// Face detection and alignment on one 640×480 webcam-sized frame (the committed portrait scaled 1.2× onto the
/// frame), ONNX Runtime CPU: the per-frame cost the live pipeline pays on a detection frame. Then a 1280×720 frame
/// with a face the whole-frame pass cannot see (the portrait at 1×, face ≈ 100 px) and one with none: what the zoomed
/// search and the look where the face was cost.
/// </summary>
[MemoryDiagnoser]
public class FaceDetectionBenchmarks
{
    private RgbImage _frame = null!;
    private BlazeFaceDetector _refined = null!;
    private BlazeFaceDetector _coarse = null!;
    private FaceDetection _face = null!;
    private RgbImage _smallFaceFrame = null!;
    private RgbImage _emptyFrame = null!;
    private BlazeFaceDetector _wholeFrameOnly = null!;
    private FaceDetection _smallFace = null!;
    private RgbImage _empty720p = null!;
    private FaceTracker _searching = null!;
    private long _searchFrame;

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

        _smallFaceFrame = new RgbImage(1280, 720);
        Array.Fill(_smallFaceFrame.Pixels, (byte)128);
        ImageWarp.Warp(portrait, _smallFaceFrame, new AffineTransform2D(1, 0, 0, 1, 256 - 640, 256 - 400));
        _emptyFrame = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "no-face.jpg")).GetAwaiter().GetResult();
        _wholeFrameOnly = new BlazeFaceDetector(sessions, FaceDetectorOptions.Default with { ZoomedSearch = false });
        _smallFace = _refined.Detect(_smallFaceFrame).Single();
        _empty720p = new RgbImage(1280, 720);
        ImageWarp.Warp(_emptyFrame, _empty720p, new AffineTransform2D(0.5f, 0, 0, 0.5f, 0, 0));
        _searching = new FaceTracker(_refined);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _refined.Dispose();
        _coarse.Dispose();
        _wholeFrameOnly.Dispose();
    }

    /// <summary>One full-frame BlazeFace pass (letterbox, inference, decode, NMS).</summary>
    [Benchmark]
    public int DetectCoarse() => _coarse.Detect(_frame).Count;

    /// <summary>Full-frame pass plus the refinement pass around the face: what the tracker runs.</summary>
    [Benchmark(Baseline = true)]
    public int DetectRefined() => _refined.Detect(_frame).Count;

    /// <summary>The face followed where it was (one pass on the refinement square): a tracker's frame between searches.</summary>
    [Benchmark]
    public FaceDetection? Follow() => _refined.Follow(_frame, _face);

    /// <summary>The aligned 256² crop alone.</summary>
    [Benchmark]
    public int Align256() => FaceAligner.Align(_frame, _face, 256, FaceFraming.Default).Crop.Width;

    /// <summary>Detection and alignment: a detection frame's whole face-tracking cost.</summary>
    [Benchmark]
    public int DetectAndAlign256() => FaceAligner.Align(_frame, _refined.Detect(_frame)[0], 256, FaceFraming.Default).Crop.Width;

    /// <summary>A frame without a face (no-face.jpg, 640×427), whole-frame pass only: the cost before the zoomed search.</summary>
    [Benchmark]
    public int NoFaceWholeFrameOnly() => _wholeFrameOnly.Detect(_emptyFrame).Count;

    /// <summary>The same frame with the zoomed search: what each searching frame costs when nobody is there.</summary>
    [Benchmark]
    public int NoFaceZoomed() => _refined.Detect(_emptyFrame).Count;

    /// <summary>A 100 px face in 1280×720 found from nothing: whole frame, six tiles, refinement.</summary>
    [Benchmark]
    public int SmallFaceAcquired() => _refined.Detect(_smallFaceFrame).Count;

    /// <summary>The same face on a tracker's detection frame: whole frame, where it was, refinement.</summary>
    [Benchmark]
    public int SmallFaceTracked() => _refined.Detect(_smallFaceFrame, near: _smallFace).Count;

    /// <summary>
    /// A tracker's frame with nobody in view, 1280×720 (no-face.jpg scaled up), averaged over its frames: the
    /// whole-frame pass on each, the zoomed search on every third (<see cref="FaceTrackerOptions.ZoomedSearchEvery"/>).
    /// </summary>
    [Benchmark]
    public FaceTrackState TrackNobody720p() => _searching.Track(_empty720p, TimeSpan.FromSeconds(++_searchFrame / 30.0)).State;

    /// <summary>The same frame through the detector alone, whole frame and zoomed search: what every searching frame would cost.</summary>
    [Benchmark]
    public int DetectNobody720p() => _refined.Detect(_empty720p).Count;
}
