using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Background;

/// <summary>
/// Each background under a real render (the CPU renderer): a sphere of soft density, opaque in the middle, thinning
/// toward its rim, the corners empty.
/// </summary>
public sealed class BackgroundComposerTests
{
    private const int Size = 48;
    private static readonly RenderingConfig Rendering = RenderingConfig.Eg3dFfhq;

    /// <summary>
    /// <see cref="OccupancyDecoder"/>'s layout with a gentle slope: h = softplus(300·s − 10) (≈ 0 outside), σ =
    /// softplus(5h − 10 − 1): ≈ 30 per world unit through the middle (opaque), fading to nothing at the rim.
    /// </summary>
    private static DecoderWeights SoftDecoder() => new(
        inputs: 1, hidden: 1, outputs: 4,
        w1: [300f * 3], b1: [-10f],
        w2: [5f, 0f, 0f, 0f], b2: [-10f, 2f, 0f, -2f]);

    private static RenderTarget Sphere(CameraView? view = null) =>
        RenderHarness.Render(AnalyticTriplanes.Sphere(0.25f, (0f, 0f, 0f)), SoftDecoder(), view ?? CameraView.Front, Size);

    /// <summary>The render as the composer sees it after softening its outline, the first thing it does.</summary>
    private static RenderTarget SoftenedSphere()
    {
        var render = Sphere();
        SilhouetteAntialiasing.Apply(render);
        return render;
    }

    private static readonly (int X, int Y)[] Corners = [(0, 0), (Size - 1, 0), (0, Size - 1), (Size - 1, Size - 1)];

    private static byte[] Pixel(RenderTarget target, int x, int y) => target.Rgba.AsSpan(4 * (y * target.Width + x), 4).ToArray();

    private static RenderTarget Compose(BackgroundChoice choice, bool transparentRemove, FarLayerSource? source = null, CameraView? view = null)
    {
        var target = Sphere(view);
        new BackgroundComposer().Compose(target, choice, view ?? CameraView.Front, source, transparentRemove);
        return target;
    }

    [Fact]
    public void TheSphereLeavesCornersEmpty_AndARimPartlyCovered()
    {
        var render = Sphere();
        Assert.All(Corners, c => Assert.Equal(0, Pixel(render, c.X, c.Y)[3]));
        Assert.Contains(Enumerable.Range(0, Size * Size), i => render.Rgba[4 * i + 3] is > 10 and < 245);
        Assert.Contains(Enumerable.Range(0, Size * Size), i => render.Rgba[4 * i + 3] == 255);
    }

    [Fact]
    public void Remove_ForPng_LeavesTheRenderAndItsTransparency()
    {
        var target = Compose(BackgroundChoice.Of(BackgroundSetting.Remove), transparentRemove: true);

        Assert.Equal(SoftenedSphere().Rgba, target.Rgba);
        Assert.All(Corners, c => Assert.Equal(0, Pixel(target, c.X, c.Y)[3]));
    }

    [Fact]
    public void Remove_ForVideo_PaintsTheChromaKey()
    {
        var target = Compose(BackgroundChoice.Of(BackgroundSetting.Remove), transparentRemove: false);

        Assert.All(Corners, c => Assert.Equal(new byte[] { 0, 255, 0, 255 }, Pixel(target, c.X, c.Y)));
    }

    /// <summary>Exactly the colour where nothing was rendered; premultiplied colour + (1 − α)·colour where partly covered; untouched where opaque.</summary>
    [Fact]
    public void Color_IsExactWhereTransparent_AndBlendedOverTheRim()
    {
        var render = SoftenedSphere();
        var target = Compose(BackgroundChoice.Of(BackgroundSetting.Parse("color:#123456")), transparentRemove: true);

        Assert.All(Corners, c => Assert.Equal(new byte[] { 0x12, 0x34, 0x56, 255 }, Pixel(target, c.X, c.Y)));
        byte[] colour = [0x12, 0x34, 0x56];
        for (var i = 0; i < Size * Size; i++)
        {
            var alpha = render.Rgba[4 * i + 3];
            Assert.Equal(255, target.Rgba[4 * i + 3]);
            for (var c = 0; c < 3; c++)
            {
                var expected = render.Rgba[4 * i + c] + (255 - alpha) / 255.0 * colour[c];
                Assert.InRange(target.Rgba[4 * i + c], Math.Floor(expected), Math.Ceiling(Math.Min(expected, 255)));
            }
        }
    }

    /// <summary>
    /// A hard-edged render (one ray per pixel meets an opaque surface: alpha 0 beside 255) over a colour gets an outline of
    /// blended pixels, not a staircase of render and colour; in stereo each eye's half is softened on its own.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void HardSilhouette_IsSoftenedBeforeTheColourGoesUnder(bool stereo)
    {
        var views = stereo ? 2 : 1;
        var target = RenderTarget.Allocate(views * Size, Size);
        for (var i = 0; i < target.Width * Size; i++)
        {
            float dx = i % Size + 0.5f - Size / 2f, dy = i / target.Width + 0.5f - Size / 2f;
            if (dx * dx + dy * dy <= 15.3f * 15.3f)
            {
                target.Rgba.AsSpan(4 * i, 4).Fill(255);
            }
        }
        StereoRig? rig = stereo ? StereoRig.Default : null;

        new BackgroundComposer().Compose(target, BackgroundChoice.Of(BackgroundSetting.Parse("color:#000000")), CameraView.Front, null, transparentRemove: true, rig);

        for (var view = 0; view < views; view++)
        {
            var grey = Enumerable.Range(0, Size * Size).Count(i => Pixel(target, view * Size + i % Size, i / Size)[0] is > 20 and < 235);
            Assert.True(grey > 2 * Math.PI * 15.3, $"view {view}: {grey} blended outline pixels around a disc of radius 15.3");
        }
    }

    /// <summary>A 2:1 picture cover-fitted to the square shows its middle half: columns 32…96 of 128.</summary>
    [Fact]
    public void Image_IsCoverFittedToTheOutput()
    {
        var picture = new RgbImage(128, 64);
        for (var y = 0; y < picture.Height; y++)
        {
            for (var x = 0; x < picture.Width; x++)
            {
                var pixel = picture.Pixel(x, y);
                (pixel[0], pixel[1], pixel[2]) = ((byte)x, (byte)(4 * y), 7);
            }
        }
        var choice = BackgroundChoice.WithBackdrop(BackgroundSetting.Image("wide.png"), picture, maxSide: 512, ImageWarp.Warp);
        var target = Compose(choice, transparentRemove: true);

        Assert.InRange(Pixel(target, 0, 0)[0], 31, 35);
        Assert.InRange(Pixel(target, Size - 1, 0)[0], 93, 97);
        Assert.InRange(Pixel(target, 0, 0)[1], 0, 4);
        Assert.InRange(Pixel(target, 0, Size - 1)[1], 249, 255);
        Assert.All(Corners, c => Assert.Equal(7, Pixel(target, c.X, c.Y)[2]));
    }

    [Fact]
    public void Keep_FillsTheCornersFromTheCropsBackground()
    {
        var (crop, matte) = SyntheticCrop.PersonOverGradient();
        var target = Compose(BackgroundChoice.Keep, transparentRemove: true, new FarLayerSource(crop, matte, Rendering));

        // The front view sees the crop where it is: the 48² output's corner columns are the 64² crop's edge columns.
        Assert.InRange(Pixel(target, 0, 0)[0], 0, 6);
        Assert.InRange(Pixel(target, Size - 1, Size - 1)[0], 246, 255);
        Assert.All(Corners, c => Assert.Equal(0, Pixel(target, c.X, c.Y)[1]));
        Assert.All(Corners, c => Assert.Equal(255, Pixel(target, c.X, c.Y)[3]));
    }

    /// <summary>A render that covers every pixel needs no background: nothing is built or read, even without a crop.</summary>
    [Fact]
    public void OpaqueRender_IsLeftAsItIs()
    {
        var target = RenderTarget.Allocate(8, 8);
        Array.Fill(target.Rgba, (byte)255);

        new BackgroundComposer().Compose(target, BackgroundChoice.Keep, CameraView.Front, null, transparentRemove: false);

        Assert.All(target.Rgba, b => Assert.Equal(255, b));
    }

    [Fact]
    public void Keep_WithoutTheAnalysedFrame_IsAClearError()
    {
        var error = Assert.Throws<ArgumentNullException>(() => Compose(BackgroundChoice.Keep, transparentRemove: true));
        Assert.Contains("background keep needs the analysed frame's crop", error.Message, StringComparison.Ordinal);
    }
}
