using System.Buffers;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Stages;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// The overlay's frames: the live render stage with alpha on, over the real analyser (tracker + relief-v2, which leaves
/// the room out of its volume) on the committed portrait and the CPU renderer, read back from the packed I420 picture
/// as the encoder gets it and again after a VP8 round trip at the live bitrate, as a browser gets it.
/// </summary>
public sealed class AlphaPackedPictureTests : IDisposable
{
    private const int Size = 128;
    private static readonly RenderQuality Quality = new(Size, SamplerQuality.Live, 0);

    private readonly AnalysedPortrait _portrait = new(ReliefV2Bundle.Name);
    private readonly ViewRenderer _renderer = new(new CpuVolumeRenderer());

    private AnalysedFrame Frame => _portrait.Frame;

    public void Dispose()
    {
        _portrait.Dispose();
        _renderer.Dispose();
    }

    private I420Frame Compose(BackgroundChoice background, AnalysedFrame? source)
    {
        var picture = ViewRenderer.RentPicture(Quality, stereo: false, withAlpha: true);
        _renderer.Compose(Frame, source, CameraView.Front, Quality, background, picture, withAlpha: true);
        return picture;
    }

    /// <summary>Opacity 0…1 at (<paramref name="x"/>, <paramref name="y"/>) of the render, read from the alpha half's luma.</summary>
    private static double Alpha(I420Frame picture, int x, int y) =>
        (picture.Y[(AlphaPackedPicture.AlphaTop(Size) + y) * picture.StrideY + x] - 16) / 219.0;

    private static byte ColourLuma(I420Frame picture, int x, int y) => picture.Y[y * picture.StrideY + x];

    /// <summary>The top corners and the middle of each side: room beside and above the head (the bottom corners are her shoulders).</summary>
    private static readonly (int X, int Y)[] Corners = [(1, 1), (Size - 2, 1), (1, Size / 2), (Size - 2, Size / 2)];

    /// <summary>The face's middle: between the eyes and the mouth, at the centre of the default framing.</summary>
    private static IEnumerable<(int X, int Y)> FaceMiddle() =>
        from dy in Enumerable.Range(-4, 9) from dx in Enumerable.Range(-4, 9) select (Size / 2 + dx, Size / 2 + dy);

    private static void AssertTransparentCornersOpaqueFace(I420Frame picture, double tolerance, string what)
    {
        Assert.All(Corners, c => Assert.True(Alpha(picture, c.X, c.Y) <= tolerance, $"{what}: alpha {Alpha(picture, c.X, c.Y):0.000} at corner {c}"));
        // Premultiplied: a transparent corner's colour is black too.
        Assert.All(Corners, c => Assert.InRange(ColourLuma(picture, c.X, c.Y), 0, 16 + 219 * tolerance));
        Assert.All(FaceMiddle(), p => Assert.True(Alpha(picture, p.X, p.Y) >= 1 - tolerance, $"{what}: alpha {Alpha(picture, p.X, p.Y):0.000} at face pixel {p}"));
    }

    [Fact]
    public void Remove_PacksColourAboveItsOpacity_ZeroInTheCorners_OneOnTheFace()
    {
        using var picture = Compose(BackgroundChoice.Of(BackgroundSetting.Remove), Frame);

        Assert.Equal((Size, 2 * Size + AlphaPackedPicture.GuardRows), (picture.Width, picture.Height));
        AssertTransparentCornersOpaqueFace(picture, tolerance: 0, "packed");
        // The face is lit, not the black of a transparent pixel, and the guard band is black.
        Assert.True(ColourLuma(picture, Size / 2, Size / 2) > 60);
        Assert.All(Enumerable.Range(Size, AlphaPackedPicture.GuardRows), y => Assert.Equal(16, ColourLuma(picture, Size / 2, y)));
        // Between the two there is an anti-aliased edge: some pixels neither transparent nor opaque.
        var partial = Enumerable.Range(0, Size * Size).Count(i => Alpha(picture, i % Size, i / Size) is > 0.05 and < 0.95);
        Assert.True(partial > Size / 2, $"only {partial} partly transparent pixels: the silhouette has a hard edge");
    }

    /// <summary>Stereo with alpha: both eyes side by side above both opacities, W = 2S wide; each eye's corners transparent, its face opaque.</summary>
    [Fact]
    public void Remove_InStereo_PacksBothEyesAboveTheirOpacities()
    {
        using var picture = ViewRenderer.RentPicture(Quality, stereo: true, withAlpha: true);
        _renderer.Compose(Frame, Frame, CameraView.Front, Quality, BackgroundChoice.Of(BackgroundSetting.Remove), picture, StereoRig.Default, withAlpha: true);

        Assert.Equal((2 * Size, 2 * Size + AlphaPackedPicture.GuardRows), (picture.Width, picture.Height));
        foreach (var eye in new[] { 0, Size })
        {
            Assert.All(Corners, c => Assert.True(Alpha(picture, eye + c.X, c.Y) <= 0.01, $"eye at {eye}: alpha {Alpha(picture, eye + c.X, c.Y):0.000} at corner {c}"));
            Assert.True(Alpha(picture, eye + Size / 2, Size / 2) >= 0.99, $"eye at {eye}: the face is not opaque");
        }
    }

    /// <summary>
    /// The guard band at work: after VP8 at the live bitrate the corners stay transparent and the face opaque, within
    /// the codec's few levels.
    /// </summary>
    [Fact]
    public void Remove_SurvivesVp8_CornersStayTransparent_FaceStaysOpaque()
    {
        using var picture = Compose(BackgroundChoice.Of(BackgroundSetting.Remove), Frame);
        using var encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = picture.Width, Height = picture.Height, TargetBitrateKbps = 600 });
        using var decoder = new Vp8Decoder();
        var output = new ArrayBufferWriter<byte>();
        Assert.True(encoder.TryEncode(picture, 0, output, out _));

        Assert.Equal(VideoDecodeStatus.Decoded, decoder.Decode(output.WrittenSpan, out var decoded));
        using (decoded)
        {
            AssertTransparentCornersOpaqueFace(decoded!, tolerance: 0.03, "after VP8");
        }
    }

    /// <summary>A background other than remove fills the transparency, so the packed alpha is 1 everywhere.</summary>
    [Fact]
    public void Colour_IsOpaqueEverywhere()
    {
        using var picture = Compose(BackgroundChoice.Of(BackgroundSetting.Parse("color:#3060a0")), Frame);
        Assert.All(Corners, c => Assert.Equal(1.0, Alpha(picture, c.X, c.Y)));
    }

    /// <summary>Without a face the overlay shows nothing, not the camera's room.</summary>
    [Fact]
    public void NoFace_IsAnEmptyFrame()
    {
        using var picture = Compose(BackgroundChoice.Of(BackgroundSetting.Remove), source: null);
        Assert.All(FaceMiddle().Concat(Corners), p => Assert.Equal(0.0, Alpha(picture, p.X, p.Y)));
        Assert.All(FaceMiddle(), p => Assert.Equal(16, ColourLuma(picture, p.X, p.Y)));
    }

    [Fact]
    public void Pack_RefusesAPictureOfTheWrongSize()
    {
        var target = RenderTarget.Allocate(Size, Size);
        using var square = I420Frame.Rent(Size, Size);
        var e = Assert.Throws<ArgumentException>(() => AlphaPackedPicture.Pack(target, square));
        Assert.Contains($"packs into {Size}×{2 * Size + AlphaPackedPicture.GuardRows}", e.Message);
    }
}
