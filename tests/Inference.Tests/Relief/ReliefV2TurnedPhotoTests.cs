using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// A photo of a turned head (the portrait's own relief rendered at ±25°, as a person looking at a second screen):
/// relief v2's view from the input camera shows the photo as it was. The face's far side, foreshortened in the photo,
/// keeps the photo's colours: a fill from its mirror image across the face's symmetry plane once replaced them, and
/// this view fell to 23–24 dB against the crop (the fill's mirror points also landed in the room: a streak of the
/// background through Grace Hopper's nose). Now 33–35 dB.
/// </summary>
public sealed class ReliefV2TurnedPhotoTests(ReliefV2Fixture relief, ITestOutputHelper output) : IClassFixture<ReliefV2Fixture>
{
    [Theory]
    [InlineData(25f)]
    [InlineData(-25f)]
    public void TheViewFromTheInputCamera_ShowsTheTurnedPhotoAsItWas(float turn)
    {
        var photo = Render(relief.Planes, new CameraView(turn, 0), 512);
        var face = relief.Prepare(photo);
        var size = face.Crop.Width;
        var target = RenderTarget.Allocate(size, size);
        var request = new RenderRequest(relief.Bundle.Encoder.Encode(face), relief.Bundle.Decoder, relief.Bundle.Rendering, CameraView.Front, size, size)
        {
            Live = LiveSampling.ForOutput(size),
        };
        new CpuVolumeRenderer().Render(request, target);
        new BackgroundComposer().Compose(target, BackgroundChoice.Keep, request.View, face.FarLayerSource(photo, relief.Bundle.Rendering), transparentRemove: false);

        var region = new PixelRegion(size / 4, size / 4, size / 2, size / 2);
        var psnr = ImageQuality.Psnr(target.ToRgbImage(), face.Crop, region);
        output.WriteLine($"photo turned {turn}°: the front view {psnr:F1} dB from the crop over the face");
        Assert.True(psnr > 32, $"the front view of a photo turned {turn}° is {psnr:F1} dB from it");
    }

    private RgbImage Render(Renderer.Scene.Triplanes planes, CameraView view, int size)
    {
        var target = RenderTarget.Allocate(size, size);
        new CpuVolumeRenderer().Render(new RenderRequest(planes, relief.Bundle.Decoder, relief.Bundle.Rendering, view, size, size)
        {
            Live = LiveSampling.ForOutput(size),
        }, target);
        return target.ToRgbImage();
    }
}
