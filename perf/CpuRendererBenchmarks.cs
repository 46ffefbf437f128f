using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using PortraitStream.Renderer;

namespace PortraitStream.Perf;

/// <summary>
/// CPU reference renderer, one frame of <see cref="Eg3dScene"/> (EG3D-sized planes and decoder, 48 + 48 samples), every
/// core.
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

    [Params(256, 512)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _request = Eg3dScene.Request(Size);
        _target = RenderTarget.Allocate(Size, Size, withDepth: true);
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
        Console.WriteLine($"// CPU time per render ({Size}²): median {sorted[sorted.Length / 2]:F2} s, min {sorted[0]:F2} s over {sorted.Length} iterations");
        _cpuSeconds.Clear();
    }
}
