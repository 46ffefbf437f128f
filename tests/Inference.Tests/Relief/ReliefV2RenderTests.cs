using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
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
}
