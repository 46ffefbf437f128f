using System.Numerics;
using PortraitStream.Inference.Faces;

namespace PortraitStream.Inference.Tests.Faces;

public sealed class FaceAlignerTests : IDisposable
{
    private readonly BlazeFaceDetector _detector = new(TestData.Sessions);

    public void Dispose() => _detector.Dispose();

    [Theory]
    [InlineData(256, 0f)]
    [InlineData(512, 0f)]
    [InlineData(256, 20f)]
    [InlineData(256, -30f)]
    public void Crop_IsSquare_FaceCentredWithin5Percent_EyesLevel(int size, float rollDegrees)
    {
        var (image, _) = Canvas.Place(TestData.Portrait, 640, 480, 1.2f, rollDegrees, 320, 330);
        var face = Assert.Single(_detector.Detect(image));
        var aligned = FaceAligner.Align(image, face, size, FaceFraming.Default);

        Assert.Equal((size, size), (aligned.Crop.Width, aligned.Crop.Height));
        // Re-detect in the crop itself: the face the detector sees there must sit at the crop's centre.
        var inCrop = Assert.Single(_detector.Detect(aligned.Crop));
        var offset = Vector2.Distance(inCrop.Box.Center, new Vector2(size / 2f, size / 2f));
        Assert.True(offset <= 0.05f * size, $"face centre {inCrop.Box.Center} is {offset:0.0} px from the centre of a {size}² crop");
        // Roll removed: the eyes are level in the crop, and the measured roll is the one applied.
        var eyes = inCrop.Keypoints.LeftEye - inCrop.Keypoints.RightEye;
        Assert.InRange(MathF.Atan2(eyes.Y, eyes.X) * 180 / MathF.PI, -5f, 5f);
        var photoRoll = FaceCropGeometry.From(Assert.Single(_detector.Detect(TestData.Portrait)), FaceFraming.Default).Roll * 180 / MathF.PI;
        Assert.InRange(aligned.RollDegrees - photoRoll, rollDegrees - 4f, rollDegrees + 4f);
    }

    [Fact]
    public void Crop_KeypointsAreReportedInCropPixels()
    {
        var face = Assert.Single(_detector.Detect(TestData.Portrait));
        var aligned = FaceAligner.Align(TestData.Portrait, face, 256, FaceFraming.Default);
        var k = aligned.Keypoints;
        Assert.True(k.RightEye.X < k.LeftEye.X && k.EyeCenter.Y < k.NoseTip.Y && k.NoseTip.Y < k.Mouth.Y);
        Assert.InRange(k.RightEye.Y - k.LeftEye.Y, -1f, 1f);
        // Eye distance in the crop = eye distance in the image × crop scale.
        Assert.Equal(face.Keypoints.EyeDistance * 256 / aligned.Geometry.Side, k.EyeDistance, 0.01f * k.EyeDistance);
        // The framing: crop side = 2.2 × face size.
        Assert.InRange(aligned.Box.Width, 256 / 2.2f * 0.8f, 256 / 2.2f * 1.01f);
    }
}
