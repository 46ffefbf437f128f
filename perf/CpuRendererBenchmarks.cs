using BenchmarkDotNet.Attributes;
using PortraitStream.Renderer;

namespace PortraitStream.Perf;

/// <summary>
/// CPU reference renderer, one frame of <see cref="Eg3dScene"/> (EG3D-sized planes and decoder, 48 + 48 samples), every
/// core.
/// The machine is shared and noisy: the Min and Median columns say more than the Mean.
/// </summary>
[MemoryDiagnoser]
[MinColumn, MedianColumn, MaxColumn]
public class CpuRendererBenchmarks
{
    private readonly CpuVolumeRenderer _renderer = new();
    private RenderRequest _request = null!;
    private RenderTarget _target = null!;

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
}
