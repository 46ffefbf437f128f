using System.Globalization;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Tests.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Styles;
using PortraitStream.Renderer.Vulkan;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Styles;

/// <summary>
/// Every render style on the committed portrait's relief v2 (the server's default model) with the live sampler: it
/// still reads as a face to BlazeFace, at the front and turned, and Shaders/style.comp draws it as the CPU does
/// (PSNR ≥ 40 dB over RGBA, the unstyled parity tests' bound).
/// </summary>
public sealed class StyledPortraitTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>
{
    /// <summary>Big enough for BlazeFace (the face spans ~90 px), small enough to keep the test quick.</summary>
    private const int DetectSize = 192;
    private const int ParitySize = 128;

    private RenderRequest Request(RenderStyle style, float yaw, int size) =>
        new RenderRequest(relief.Planes, relief.Bundle.Decoder, relief.Bundle.Rendering, new CameraView(yaw, 0), size, size)
        {
            Live = LiveSampling.ForOutput(size),
            Style = style,
        };

    [Theory]
    [InlineData(RenderStyle.Toon, 0f)]
    [InlineData(RenderStyle.Outline, 0f)]
    [InlineData(RenderStyle.Hologram, 0f)]
    [InlineData(RenderStyle.Sketch, 0f)]
    [InlineData(RenderStyle.Toon, 20f)]
    [InlineData(RenderStyle.Outline, -20f)]
    [InlineData(RenderStyle.Hologram, 20f)]
    [InlineData(RenderStyle.Sketch, -20f)]
    public void EachStyle_StillShowsTheFace_WhereTheUnstyledRenderDoes(RenderStyle style, float yaw)
    {
        using var detector = new BlazeFaceDetector(TestData.Sessions);
        var renderer = new CpuVolumeRenderer();
        IReadOnlyList<FaceDetection> Detect(RenderStyle s)
        {
            var target = RenderTarget.Allocate(DetectSize, DetectSize);
            renderer.Render(Request(s, yaw, DetectSize), target);
            return detector.Detect(target.ToRgbImage());
        }

        var plain = Assert.Single(Detect(RenderStyle.None));
        var faces = Detect(style);
        output.WriteLine($"{style} at yaw {yaw}°: {faces.Count} face(s), scores {string.Join(", ", faces.Select(f => f.Score.ToString("0.00", CultureInfo.InvariantCulture)))} (unstyled {plain.Score:0.00})");
        var face = Assert.Single(faces);
        float overlap = face.Box.IntersectionOverUnion(plain.Box);
        Assert.True(overlap >= 0.5f, $"{style}: the face box overlaps the unstyled render's by IoU {overlap:0.00} < 0.5");
    }

    [Theory]
    [InlineData(RenderStyle.Toon)]
    [InlineData(RenderStyle.Outline)]
    [InlineData(RenderStyle.Hologram)]
    [InlineData(RenderStyle.Sketch)]
    public void EachStyle_ChangesThePortrait(RenderStyle style)
    {
        var renderer = new CpuVolumeRenderer();
        var plain = RenderTarget.Allocate(ParitySize, ParitySize);
        renderer.Render(Request(RenderStyle.None, 10f, ParitySize), plain);
        var styled = RenderTarget.Allocate(ParitySize, ParitySize);
        renderer.Render(Request(style, 10f, ParitySize), styled);

        double psnr = ImageCompare.Psnr(styled.Rgba, plain.Rgba);
        output.WriteLine($"{style} against none: PSNR {psnr:0.0} dB");
        Assert.True(psnr < 30, $"{style}: PSNR {psnr:0.0} dB against the unstyled portrait; the style barely changed it");
    }

    [VulkanTheory]
    [InlineData(RenderStyle.Toon)]
    [InlineData(RenderStyle.Outline)]
    [InlineData(RenderStyle.Hologram)]
    [InlineData(RenderStyle.Sketch)]
    public void Vulkan_StylesThePortraitAsTheCpu(RenderStyle style)
    {
        var request = Request(style, 20f, ParitySize);
        var reference = RenderTarget.Allocate(ParitySize, ParitySize);
        new CpuVolumeRenderer().Render(request, reference);
        var actual = RenderTarget.Allocate(ParitySize, ParitySize);
        using (var device = VulkanDevice.Create())
        using (var renderer = new VulkanVolumeRenderer(device))
        {
            renderer.Render(request, actual);
        }

        double psnr = ImageCompare.Psnr(actual.Rgba, reference.Rgba);
        output.WriteLine($"{style}, {ParitySize}² live, yaw 20°: PSNR {psnr:0.0} dB");
        Assert.True(psnr >= 40, $"{style}: PSNR {psnr:0.0} dB < 40 dB");
    }
}
