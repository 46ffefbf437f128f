using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Relief v2's encoder, cut in cost (sparse fills, negligible landmark weights as exact zeros, slopes without a Conv:
/// docs/relief-encoder.md), still draws the picture the graph before those cuts drew. tests/data/relief-v2-before-cost-cuts
/// is that bundle as `model write-relief` wrote it; a deliberate change to relief v2's picture replaces it, or, for a
/// step added after the graph it checks (the texel sharpening, the face's faithful depth, the round back of the head,
/// the narrow margin past the crop, the edges capped above the jaw, the picture around the crop), is switched off here. Measured: the triplanes of
/// both committed portraits are identical bit for bit; asserted with margin here.
/// </summary>
public sealed class ReliefV2CostParityTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>, IDisposable
{
    private const int RenderSize = 128;

    private readonly ModelBundle _before = ModelBundle.Load(TestData.Path("relief-v2-before-cost-cuts"), TestData.Sessions);

    private readonly ModelBundle _now = ReliefV2Fixture.Variant("relief-v2 as before the cost cuts", ReliefOptions.Default with { Sharpening = 0, FaithfulFaceDepth = false, RoundBackOfHead = false, NarrowCropMargin = false, CapEdgesAboveJaw = false, SurroundSpan = 0 });

    public void Dispose()
    {
        _before.Dispose();
        _now.Dispose();
    }

    [Theory]
    [InlineData("portrait.png")]
    [InlineData("grace-hopper.jpg")]
    public void TriplanesAndTurnedViews_MatchTheGraphBeforeTheCostCuts(string photo)
    {
        var face = relief.Prepare(TestData.Read(photo));
        var now = _now.Encoder.Encode(face);
        var before = _before.Encoder.Encode(face);

        var (a, b) = (now.Data.ToArray(), before.Data.ToArray());
        var differing = a.Zip(b).Count(pair => BitConverter.SingleToInt32Bits(pair.First) != BitConverter.SingleToInt32Bits(pair.Second));
        var triplanePsnr = Psnr(a, b);
        output.WriteLine($"{photo}: {differing} of {a.Length} triplane values differ, PSNR {triplanePsnr:F1} dB over the old values' range");
        Assert.True(triplanePsnr >= 40, $"{photo}: triplanes at {triplanePsnr:F1} dB of the old graph's");

        var renderer = new CpuVolumeRenderer();
        foreach (var yaw in new[] { -30f, 0f, 30f })
        {
            var (viewNow, viewBefore) = (RenderTarget.Allocate(RenderSize, RenderSize), RenderTarget.Allocate(RenderSize, RenderSize));
            renderer.Render(new RenderRequest(now, _now.Decoder, _now.Rendering, new CameraView(yaw, 0), RenderSize, RenderSize), viewNow);
            // The same decoder and rendering for both: what is checked is the encoder's graph, and a later change to the
            // decoder (the skin's sharpness) or the renderer's passes is not a change of the graph.
            renderer.Render(new RenderRequest(before, _now.Decoder, _now.Rendering, new CameraView(yaw, 0), RenderSize, RenderSize), viewBefore);
            var psnr = ImageCompare.Psnr(viewNow.Rgba, viewBefore.Rgba);
            output.WriteLine($"{photo}, yaw {yaw}°: render PSNR {psnr:F1} dB");
            Assert.True(psnr >= 40, $"{photo}, yaw {yaw}°: {psnr:F1} dB against the old graph's render");
        }
    }

    /// <summary>PSNR of <paramref name="actual"/> against <paramref name="expected"/>, the peak being the expected values' range; +∞ when identical.</summary>
    private static double Psnr(float[] actual, float[] expected)
    {
        var range = expected.Max() - expected.Min();
        var meanSquare = actual.Zip(expected).Average(pair => (double)(pair.First - pair.Second) * (pair.First - pair.Second));
        return meanSquare == 0 ? double.PositiveInfinity : 10 * Math.Log10(range * range / meanSquare);
    }
}
