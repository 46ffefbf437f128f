using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>The committed portrait through the real analyser (tracker + a built-in relief encoder on ONNX Runtime CPU), for tests of the render stage.</summary>
internal sealed class AnalysedPortrait : IDisposable
{
    /// <param name="bundleName">One of <see cref="BuiltInBundles.Names"/>.</param>
    public AnalysedPortrait(string bundleName)
    {
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        Bundle = BuiltInBundles.Load(bundleName, sessions);
        var portrait = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        using var analyser = new FrameAnalyser(sessions);
        Frame = analyser.Analyse(new CameraFrame(portrait, TimeSpan.Zero, FrameTimings.Start()), Bundle);
    }

    public ModelBundle Bundle { get; }

    public AnalysedFrame Frame { get; }

    public void Dispose()
    {
        Frame.Dispose();
        Bundle.Dispose();
    }
}
