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

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// The live render stage puts the session's background under the render: the real analyser (tracker + relief encoder)
/// on the committed portrait, the CPU renderer, the I420 picture the video encoder gets. The view is zoomed out so the
/// corners lie outside the model's box, where the render is transparent.
/// </summary>
public sealed class ViewRendererBackgroundTests : IDisposable
{
    private const int Size = 64;
    private static readonly CameraView ZoomedOut = new(0f, 0f, Zoom: 0.5f);
    private static readonly RenderQuality Quality = new(Size, SamplerQuality.Live, 0);

    private readonly ModelBundle _bundle;
    private readonly AnalysedFrame _frame;
    private readonly ViewRenderer _renderer = new(new CpuVolumeRenderer());

    public ViewRendererBackgroundTests()
    {
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        _bundle = ModelBundle.Load(ReliefBundle.Default, sessions);
        var portrait = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        using var analyser = new FrameAnalyser(sessions);
        _frame = analyser.Analyse(new CameraFrame(portrait, 0, TimeSpan.Zero, FrameTimings.Start()), _bundle);
    }

    public void Dispose()
    {
        _frame.Dispose();
        _renderer.Dispose();
        _bundle.Dispose();
    }

    private RgbImage Compose(BackgroundChoice background)
    {
        using var picture = I420Frame.Rent(Size, Size);
        _renderer.Compose(_frame, _frame, ZoomedOut, Quality, background, picture);
        var rgb = new RgbImage(Size, Size);
        I420Conversion.ToRgb24(picture, rgb.Pixels, rgb.Stride);
        return rgb;
    }

    private static void AssertNear(byte[] expected, Span<byte> pixel)
    {
        for (var c = 0; c < 3; c++)
        {
            // BT.601 limited range and 4:2:0 chroma: a flat colour comes back within a few levels.
            Assert.InRange(pixel[c], expected[c] - 8, expected[c] + 8);
        }
    }

    [Fact]
    public void AnalysedFrame_CarriesTheAlignedFace()
    {
        Assert.NotNull(_frame.Triplanes);
        Assert.NotNull(_frame.Aligned);
        Assert.Equal(_bundle.Encoder.InputSize, _frame.Aligned.Crop.Width);
    }

    [Fact]
    public void Color_ShowsInTheCorners()
    {
        var rgb = Compose(BackgroundChoice.Of(BackgroundSetting.Parse("color:#c03080")));
        AssertNear([0xc0, 0x30, 0x80], rgb.Pixel(1, 1));
        AssertNear([0xc0, 0x30, 0x80], rgb.Pixel(Size - 2, Size - 2));
    }

    [Fact]
    public void Remove_OnVideo_IsTheChromaKey()
    {
        var rgb = Compose(BackgroundChoice.Of(BackgroundSetting.Remove));
        AssertNear([0, 255, 0], rgb.Pixel(1, 1));
        AssertNear([0, 255, 0], rgb.Pixel(Size - 2, 1));
    }

    /// <summary>Keep shows the photo's background past the box: its light wall, not black and not the chroma key.</summary>
    [Fact]
    public void Keep_ShowsThePhotosBackground()
    {
        var corner = Compose(BackgroundChoice.Keep).Pixel(1, 1).ToArray();
        var cropCorner = _frame.Aligned!.Crop.Pixel(0, 0).ToArray();
        AssertNear(cropCorner, corner);
    }
}
