using System.Numerics;
using PortraitStream.Inference.Faces;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>The change detector behind the face mesh's reuse: noise is still; a move, another face or a key frame is not.</summary>
public sealed class FaceStillnessTests
{
    // The portrait's face, framed as the tracker frames it (crop side 2.2 face sizes around it).
    private static readonly FaceCropGeometry Face = new(new Vector2(256, 250), 300, 0);
    private static readonly FaceFraming Framing = FaceFraming.Default;

    [Fact]
    public void NoisyFramesOfAStillFace_AreStill_UntilTheKeyFrame()
    {
        var stillness = new FaceStillness { RefreshEvery = 4 };
        stillness.Remember(NoisyCanvas.WithNoise(TestData.Portrait, seed: 1), Face, Framing);
        var still = Enumerable.Range(2, 5).Select(seed => stillness.IsStill(NoisyCanvas.WithNoise(TestData.Portrait, seed), Face, Framing));
        // Frames 2–4 reuse the reference taken on frame 1; the fifth is the key frame.
        Assert.Equal([true, true, true, false, false], still);
    }

    [Fact]
    public void AOnePixelMove_IsNotStill()
    {
        var (moved, _) = Canvas.Place(TestData.Portrait, 512, 512, 1, 0, 257, 256);
        var (placed, _) = Canvas.Place(TestData.Portrait, 512, 512, 1, 0, 256, 256);
        var stillness = new FaceStillness();
        stillness.Remember(placed, Face, Framing);
        Assert.False(stillness.IsStill(moved, Face, Framing));
    }

    /// <summary>A cut to another person where the face was: never still, so the next frame's mesh is fresh.</summary>
    [Fact]
    public void AnotherFaceInThePlace_IsNotStill()
    {
        var other = TestData.Read("grace-hopper.jpg");
        var (cut, _) = Canvas.Place(other, 512, 512, 512f / Math.Max(other.Width, other.Height), 0, 256, 256);
        var stillness = new FaceStillness();
        stillness.Remember(TestData.Portrait, Face, Framing);
        Assert.False(stillness.IsStill(cut, Face, Framing));
    }

    [Theory]
    [InlineData(4, 0, 0, 0)]   // the crop's centre moved 4 px of 300
    [InlineData(0, 0, 6, 0)]   // its side grew 2 %
    [InlineData(0, 0, 0, 0.02f)] // it rolled 1.1°
    public void TheTrackerMovingItsCrop_IsNotStill(float dx, float dy, float dside, float droll)
    {
        var stillness = new FaceStillness();
        stillness.Remember(TestData.Portrait, Face, Framing);
        var moved = new FaceCropGeometry(Face.Center + new Vector2(dx, dy), Face.Side + dside, Face.Roll + droll);
        Assert.False(stillness.IsStill(TestData.Portrait, moved, Framing));
        Assert.True(stillness.IsStill(TestData.Portrait, Face, Framing));
    }

    [Fact]
    public void WithoutAReference_NothingIsStill()
    {
        var stillness = new FaceStillness();
        Assert.False(stillness.IsStill(TestData.Portrait, Face, Framing));
        stillness.Remember(TestData.Portrait, Face, Framing);
        stillness.Forget();
        Assert.False(stillness.IsStill(TestData.Portrait, Face, Framing));
    }
}
