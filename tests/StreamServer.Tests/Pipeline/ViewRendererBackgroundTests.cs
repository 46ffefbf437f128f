using PortraitStream.Inference.Bundles;
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
/// corners lie outside the model's box, where the render is transparent. A camera frame's view-independent work done
/// before the viewer's pose is read (issue #15: <see cref="ViewRenderer.Prepare"/>) gives the same picture.
/// </summary>
public sealed class ViewRendererBackgroundTests : IDisposable
{
    private const int Size = 64;
    private static readonly CameraView ZoomedOut = new(0f, 0f, Zoom: 0.5f);
    private static readonly RenderQuality Quality = new(Size, SamplerQuality.Live, 0);

    private readonly AnalysedPortrait _portrait = new(ReliefBundle.Name);
    private readonly ViewRenderer _renderer = new(new CpuVolumeRenderer());

    private ModelBundle Bundle => _portrait.Bundle;
    private AnalysedFrame Frame => _portrait.Frame;

    public void Dispose()
    {
        _portrait.Dispose();
        _renderer.Dispose();
    }

    private RgbImage Compose(BackgroundChoice background)
    {
        using var picture = I420Frame.Rent(Size, Size);
        _renderer.Compose(Frame, Frame, ZoomedOut, Quality, background, picture);
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
        Assert.NotNull(Frame.Triplanes);
        Assert.NotNull(Frame.Aligned);
        Assert.Equal(Bundle.Encoder.InputSize, Frame.Aligned.Crop.Width);
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

    /// <summary>
    /// Keep shows the photo's own room past the box — the part of the photo that lies there, beyond the crop (the far
    /// layer carries the whole picture around it) — not black, not the chroma key, not the crop's edge continued.
    /// </summary>
    [Fact]
    public void Keep_ShowsThePhotosRoomWhereItIs()
    {
        var edge = Compose(BackgroundChoice.Keep).Pixel(1, Size / 2).ToArray();
        // Where that pixel's ray meets the far plane, seen from the camera that took the crop: a crop point well left
        // of the crop, and through the crop's map a point of the photo.
        var rendering = Bundle.Rendering;
        var ray = PinholeCamera.For(ZoomedOut, rendering, Size, Size).PixelRay(1, Size / 2);
        var point = ray.Origin + ray.Direction * ((FarLayer.DepthFor(rendering) - ray.Origin.Z) / ray.Direction.Z);
        var aligned = Frame.Aligned!;
        Assert.True(PinholeCamera.For(CameraView.Front, rendering, aligned.Crop.Width, aligned.Crop.Height).TryProject(point, out var u, out var v));
        Assert.True(u < -aligned.Crop.Width / 4, $"the pixel looks at crop point ({u:0}, {v:0}), not well left of the crop");
        var (fx, fy) = aligned.CropToImage.Apply(u, v);
        var photo = Frame.Camera.Image;
        Assert.True(fx > 8 && fy > 8 && fx < photo.Width - 8 && fy < photo.Height - 8, $"photo point ({fx:0}, {fy:0}) is not inside the photo");
        var expected = PhotoAround(photo, fx, fy);
        // Not a flat colour there (the flag beside her), a third of the crop's resolution, one sample per output
        // pixel of a view zoomed out to 64², then 4:2:0: within 16 levels (measured 12). The crop's edge continued showed the light wall there, 170 off
        // the flag's dark blue.
        Assert.All(Enumerable.Range(0, 3), c => Assert.InRange(edge[c], expected[c] - 16, expected[c] + 16));
    }

    /// <summary>The photo's mean colour within 4 pixels of (<paramref name="x"/>, <paramref name="y"/>): the far layer holds the room beyond the crop at a third of the crop's resolution.</summary>
    private static byte[] PhotoAround(RgbImage photo, float x, float y)
    {
        var sums = new int[3];
        var count = 0;
        for (var dy = -4; dy <= 4; dy++)
        {
            for (var dx = -4; dx <= 4; dx++)
            {
                var pixel = photo.Pixel(Math.Clamp((int)x + dx, 0, photo.Width - 1), Math.Clamp((int)y + dy, 0, photo.Height - 1));
                for (var c = 0; c < 3; c++)
                {
                    sums[c] += pixel[c];
                }
                count++;
            }
        }
        return [.. sums.Select(sum => (byte)(sum / count))];
    }

    /// <summary>
    /// The field, the live grid and keep's far layer prepared first, the view chosen after (the pipeline reads the
    /// viewer's pose then): the picture is the one composing without preparing gives, to the byte, in stereo — a
    /// correct render at the pose the frame reports.
    /// </summary>
    [Fact]
    public void Prepared_ThenComposedAtTheLatchedView_SamePictureToTheByte()
    {
        byte[] Composed(bool prepared)
        {
            using var renderer = new ViewRenderer(new CpuVolumeRenderer());
            using var picture = ViewRenderer.RentPicture(Quality, stereo: true, withAlpha: false);
            if (prepared)
            {
                renderer.Prepare(Frame, Quality, BackgroundChoice.Keep);
            }
            renderer.Compose(Frame, Frame, ZoomedOut with { YawDegrees = 9f }, Quality, BackgroundChoice.Keep, picture, StereoRig.Default,
                reuse: prepared ? FieldReuse.Prepared : FieldReuse.None);
            return [.. picture.Y, .. picture.U, .. picture.V];
        }

        Assert.Equal(Composed(prepared: false), Composed(prepared: true));
    }
}
