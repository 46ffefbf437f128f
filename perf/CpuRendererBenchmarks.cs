using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PortraitStream.Renderer;

namespace PortraitStream.Perf;

/// <summary>
/// CPU reference renderer, one frame of a <see cref="SyntheticScene"/>, every core: the relief-sized field at the live
/// pipeline's 8 + 8 samples and at 48 + 48, and the EG3D-sized field at 48 + 48 (256² and 512²).
/// The machine is shared and noisy: the Min and Median columns say more than the Mean, and the process CPU time per
/// render (printed at the end of each case as "// CPU time per render") is far less sensitive to other load than
/// wall time is.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
public class CpuRendererBenchmarks
{
    private readonly CpuVolumeRenderer _renderer = new();
    private RenderRequest _request = null!;
    private RenderTarget _target = null!;
    private readonly List<double> _cpuSeconds = [];
    private TimeSpan _cpuAtIterationStart;

    /// <summary>One benchmark case; its name is what BenchmarkDotNet prints in the Case column.</summary>
    public sealed record RenderCase(string Name, Func<RenderRequest> Request)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<RenderCase> Cases =>
    [
        new("relief 256² 8+8", () => SyntheticScene.Relief(256, new SampleCounts(8, 8))),
        new("relief 256² 48+48", () => SyntheticScene.Relief(256, new SampleCounts(48, 48))),
        new("eg3d 256² 48+48", () => SyntheticScene.Eg3d(256)),
        new("eg3d 512² 48+48", () => SyntheticScene.Eg3d(512)),
    ];

    [ParamsSource(nameof(Cases))]
    public RenderCase Case { get; set; } = null!;

    [GlobalSetup]
    public void Setup()
    {
        _request = Case.Request();
        _target = RenderTarget.Allocate(_request.Width, _request.Height, withDepth: true);
    }

    [Benchmark]
    public void Render() => _renderer.Render(_request, _target);

    [IterationSetup]
    public void StartCpuClock() => _cpuAtIterationStart = Process.GetCurrentProcess().TotalProcessorTime;

    [IterationCleanup]
    public void StopCpuClock() => _cpuSeconds.Add((Process.GetCurrentProcess().TotalProcessorTime - _cpuAtIterationStart).TotalSeconds);

    [GlobalCleanup]
    public void ReportCpuTime()
    {
        var sorted = _cpuSeconds.Order().ToArray();
        Console.WriteLine($"// CPU time per render ({Case}): median {sorted[sorted.Length / 2]:F3} s, min {sorted[0]:F3} s over {sorted.Length} iterations");
        _cpuSeconds.Clear();
    }
}
