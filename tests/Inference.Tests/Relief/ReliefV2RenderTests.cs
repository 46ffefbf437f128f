using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>Relief v2 rendered: the person alone in the volume, so turned views leave the room to the background layer.</summary>
public sealed class ReliefV2RenderTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>
{
    private const int Size = 128;

    /// <summary>
    /// No background streak: at eye height, beside the head, the view is transparent at ±35° yaw as at the front — the
    /// background layer shows there, not the person's edge stretched across the room as relief v1's rubber sheet does
    /// (v1 covers these rows entirely). The head swings sideways as the camera orbits (it sits in front of the orbit's
    /// centre), so the test counts the transparent share of the rows rather than fixed columns. The face stays opaque.
    /// </summary>
    [Theory]
    [InlineData(0f)]
    [InlineData(35f)]
    [InlineData(-35f)]
    public void BesideTheHead_TheViewIsTransparent_AndTheFaceOpaque(float yaw)
    {
        var target = RenderTarget.Allocate(Size, Size);
        var request = new RenderRequest(relief.Planes, relief.Bundle.Decoder, relief.Bundle.Rendering, new CameraView(yaw, 0), Size, Size)
        {
            Live = LiveSampling.ForOutput(Size),
        };
        new CpuVolumeRenderer().Render(request, target);

        float Alpha(int x, int y) => target.Rgba[4 * (y * Size + x) + 3] / 255f;
        var rows = Enumerable.Range((int)(0.35f * Size), (int)(0.1f * Size)).ToArray();
        var clear = rows.Average(y => Enumerable.Range(0, Size).Count(x => Alpha(x, y) < 0.05f) / (float)Size);
        var centre = rows.SelectMany(y => Enumerable.Range(Size / 2 - 8, 16).Select(x => Alpha(x, y))).Average();
        output.WriteLine($"yaw {yaw}: {clear:P1} of the eye-height rows transparent, mean alpha at the centre {centre:F3}");
        Assert.True(clear > 0.25f, $"only {clear:P1} of the eye-height rows are transparent");
        Assert.True(centre > 0.99f, $"the face is not opaque: mean alpha {centre:F3}");
    }

    /// <summary>
    /// A head the camera's frame cuts (the portrait's top 70 rows cut off: the top edge crosses the hair), at the front
    /// and turned, over the kept background as a user sees it. The head ends in a cap just above the cut: above the cap
    /// the render is transparent. And there the picture has no streaks: the crop used to repeat the edge row past the
    /// cut, and every column of hair became a streak to the top of the picture, shown by the kept background where the
    /// matte called it room (<see cref="OutsideTheFrame"/>).
    /// </summary>
    [Theory]
    [InlineData(0f)]
    [InlineData(30f)]
    [InlineData(-30f)]
    public void AHeadTheFrameCuts_EndsJustAboveTheCut_WithoutStreaks(float yaw)
    {
        // Twice the fixture's size: the cap over this cut stands a fifth of the picture tall, and rows above it are checked.
        const int side = 2 * Size;
        var picture = TestData.PortraitRows(70, 512);
        var face = relief.Prepare(picture);
        var planes = relief.Bundle.Encoder.Encode(face);
        var target = RenderTarget.Allocate(side, side);
        var request = new RenderRequest(planes, relief.Bundle.Decoder, relief.Bundle.Rendering, new CameraView(yaw, 0), side, side)
        {
            Live = LiveSampling.ForOutput(side),
        };
        new CpuVolumeRenderer().Render(request, target);

        // The cut's row at the front view, which shows the crop as it is: where the picture's top edge crosses the crop.
        var (cx, _) = face.CropToImage.Apply(face.Crop.Width / 2f, face.Crop.Width / 2f);
        var cut = face.CropToImage.Inverse().Apply(cx, 0).Y * side / face.Crop.Width;
        var above = (int)(cut - OutsideTheFrame.LongestCap * side) - 4;
        Assert.True(above >= 8, $"the crop reaches only {cut:F0} rows past the cut");
        var alpha = Enumerable.Range(0, above).SelectMany(y => Enumerable.Range(0, side).Select(x => target.Rgba[4 * (y * side + x) + 3] / 255f)).ToArray();
        var head = Enumerable.Range((int)cut + 2, 4).Select(y => target.Rgba[4 * (y * side + side / 2) + 3] / 255f).Average();

        new BackgroundComposer().Compose(target, BackgroundChoice.Keep, request.View, face.FarLayerSource(picture, relief.Bundle.Rendering), transparentRemove: false);
        var shown = target.ToRgbImage();
        // Streaks run down the picture: neighbouring columns differ, rows along them do not.
        var step = Enumerable.Range(0, above).Average(y => Enumerable.Range(0, side - 1).Average(x => Math.Abs(shown.Pixel(x + 1, y)[1] - shown.Pixel(x, y)[1])));
        output.WriteLine($"yaw {yaw}: cut at row {cut:F1}; rows 0–{above - 1}: mean alpha {alpha.Average():F4}, most {alpha.Max():F3}, " +
            $"mean step between neighbouring columns {step:F2} levels; the hair below the cut {head:F3}");
        Assert.True(alpha.Average() < 0.01f && alpha.Max() < 0.2f, $"the person goes on above the cut: mean alpha {alpha.Average():F3}, most {alpha.Max():F2}");
        Assert.True(head > 0.95f, $"the hair at the cut is not opaque: {head:F3}");
        // Repeating the edge row gave 8.1 levels here at the front and 5.3 at −30°; the fills give 0.9–1.6.
        Assert.True(step < 2.5, $"the picture above the cut is streaked: neighbouring columns differ by {step:F2} levels");
    }

    /// <summary>
    /// A view from above (the Gaze preset with a webcam below the screen turns the camera up by 5–10°) sees the body
    /// below the crop's bottom edge, which the encoder colours from the crop's edge continued. Repeated over S / 16 pixels,
    /// the edge row drew vertical stripes across the picture's bottom rows; over S / 64 they fade into the blurred
    /// continuation within a few pixels. Measured on the person alone (opaque neighbours only), the bottom rows'
    /// change across columns against their change down the rows: 3.2 with the wide margin, 1.2 with the narrow one.
    /// </summary>
    [Fact]
    public void FromAbove_TheBodyBelowTheCrop_IsNotStriped()
    {
        const int side = 256;
        double Stripes(ModelBundle bundle, Triplanes planes)
        {
            var target = RenderTarget.Allocate(side, side);
            new CpuVolumeRenderer().Render(new RenderRequest(planes, bundle.Decoder, bundle.Rendering, new CameraView(0, 10), side, side)
            {
                Live = LiveSampling.ForOutput(side),
            }, target);
            double Luma(int x, int y) => target.Rgba[4 * (y * side + x)] + target.Rgba[4 * (y * side + x) + 1] + target.Rgba[4 * (y * side + x) + 2];
            bool Opaque(int x, int y) => target.Rgba[4 * (y * side + x) + 3] == BackgroundBlend.Opaque;
            double across = 0, down = 0;
            for (var y = side - 12; y < side - 1; y++)
            {
                for (var x = 0; x < side - 1; x++)
                {
                    if (Opaque(x, y) && Opaque(x + 1, y) && Opaque(x, y + 1))
                    {
                        across += Math.Abs(Luma(x + 1, y) - Luma(x, y));
                        down += Math.Abs(Luma(x, y + 1) - Luma(x, y));
                    }
                }
            }
            return across / Math.Max(down, 1);
        }

        using var wide = ReliefV2Fixture.Variant("relief-v2 with the wide margin", relief.Options with { NarrowCropMargin = false });
        var (narrow, before) = (Stripes(relief.Bundle, relief.Planes), Stripes(wide, wide.Encoder.Encode(relief.Face)));
        output.WriteLine($"bottom rows from 10° above, change across columns ÷ change down the rows: {narrow:F2} (wide margin: {before:F2})");
        Assert.True(narrow < 2, $"the body below the crop is striped: {narrow:F2} (wide margin: {before:F2})");
    }
}
