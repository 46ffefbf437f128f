using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Renderer.Imaging;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Faces.Mesh;

/// <summary>
/// The tracker's crops through <see cref="CropDenoiser"/>: a still, noisy face's crops change less from frame to frame
/// than the camera's pixels do, and a cut to another face shows in the crop on its own frame.
/// </summary>
public sealed class FaceTrackerCropDenoiseTests(TrackerNetworks networks, ITestOutputHelper output) : IClassFixture<TrackerNetworks>
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromSeconds(1.0 / 30);
    private static readonly FaceTrackerOptions Denoised = FaceTrackerOptions.Default with { CropSize = 128 };
    private static readonly FaceTrackerOptions AsGiven = Denoised with { DenoiseCrop = false };

    [Fact]
    public void StillNoisyFace_CropsChangeLessFromFrameToFrame()
    {
        double Shimmer(FaceTrackerOptions options)
        {
            var tracker = new FaceTracker(networks.Detector, options, networks.Mesh);
            var crops = Enumerable.Range(0, 10).Select(i => tracker.Track(StillFrame(i), FrameTime * i).Face!.Crop).ToList();
            // From the fourth frame: the crop's smoothing has settled by then.
            return crops.Skip(3).Zip(crops.Skip(4), MeanSquare).Average();
        }
        var (denoised, asGiven) = (Shimmer(Denoised), Shimmer(AsGiven));
        output.WriteLine($"mean square change between consecutive crops: {denoised:F2} denoised, {asGiven:F2} as the camera gave them");
        Assert.True(denoised < asGiven / 2, $"{denoised:F2} denoised against {asGiven:F2}");
    }

    [Fact]
    public void CutToAnotherFace_ShowsInTheCropOnItsOwnFrame()
    {
        var other = TestData.Read("grace-hopper.jpg");
        var (cut, _) = Canvas.Place(other, 640, 480, 480f / other.Height, 0, 320, 240);
        AlignedFace AtTheCut(FaceTrackerOptions options)
        {
            var tracker = new FaceTracker(networks.Detector, options, networks.Mesh);
            for (var i = 0; i < 4; i++)
            {
                tracker.Track(StillFrame(i), FrameTime * i);
            }
            return tracker.Track(cut, FrameTime * 4).Face!;
        }
        var (denoised, asGiven) = (AtTheCut(Denoised).Crop.Pixels, AtTheCut(AsGiven).Crop.Pixels);
        var same = Enumerable.Range(0, denoised.Length / 3).Count(p => denoised.AsSpan(3 * p, 3).SequenceEqual(asGiven.AsSpan(3 * p, 3)));
        output.WriteLine($"{same} of {denoised.Length / 3} crop pixels at the cut as the camera gave them");
        Assert.True(same > denoised.Length / 3 * 9 / 10, $"only {same} of {denoised.Length / 3} pixels show the new face as given");
    }

    private static RgbImage StillFrame(int i)
    {
        var (placed, _) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, 0, 320, 240);
        return NoisyCanvas.WithNoise(placed, seed: i, amplitude: 8);
    }

    private static double MeanSquare(RgbImage a, RgbImage b) =>
        a.Pixels.Zip(b.Pixels).Average(pair => (double)(pair.First - pair.Second) * (pair.First - pair.Second));
}
