using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Perf;

/// <summary>
/// The relief encoder through ONNX Runtime (CPU execution provider), one frame: the committed portrait's aligned crop
/// and keypoints in, triplanes out, at the default 256² planes and at 128² and 512² for the trade-off.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class ReliefEncoderBenchmarks
{
    private ModelBundle _bundle = null!;
    private AlignedFace _face = null!;
    private Triplanes _planes = null!;

    [Params(128, 256, 512)]
    public int Resolution { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        var options = ReliefOptions.Default with { Resolution = Resolution };
        _bundle = ModelBundle.Load(BundleFiles.FromMemory("relief", ReliefBundle.Generate(options)), sessions);
        var portrait = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        using var detector = new BlazeFaceDetector(sessions);
        _face = PortraitScene.AlignForBundle(portrait, detector.Detect(portrait)[0], _bundle);
        _planes = new Triplanes(_bundle.Layout);
    }

    /// <summary>Into a reused triplane buffer, as the pipeline runs it.</summary>
    [Benchmark]
    public void Encode() => _bundle.Encoder.Encode(_face, _planes);

    [GlobalCleanup]
    public void Cleanup() => _bundle.Dispose();
}
