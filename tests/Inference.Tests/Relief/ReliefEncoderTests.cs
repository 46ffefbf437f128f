using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>The relief encoder run through ONNX Runtime: its triplanes carry the crop's colours on a face-shaped relief.</summary>
public class ReliefEncoderTests(ReliefFixture relief) : IClassFixture<ReliefFixture>
{
    private static readonly Vector2 RightEye = SyntheticFace.Keypoints[0], LeftEye = SyntheticFace.Keypoints[1];
    private static readonly Vector2 Nose = SyntheticFace.Keypoints[2], Mouth = SyntheticFace.Keypoints[3];

    [Fact]
    public void Generation_IsDeterministic()
    {
        var first = ReliefBundle.Generate(ReliefOptions.Default);
        var second = ReliefBundle.Generate(ReliefOptions.Default);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        foreach (var (name, bytes) in first)
        {
            Assert.True(bytes.AsSpan().SequenceEqual(second[name]), $"{name} differs between two generations");
        }
    }

    [Fact]
    public void Encoder_OutputsTheDeclaredLayoutWithFiniteValues()
    {
        var size = relief.Bundle.Encoder.InputSize;
        var planes = relief.Bundle.Encoder.Encode(SyntheticFace.CoordinateRamp(size), SyntheticFace.Parameters(size));
        Assert.Equal(relief.Bundle.Layout, planes.Layout);
        Assert.Equal((3, 4, 256), (planes.Layout.Planes, planes.Layout.Channels, planes.Layout.Resolution));
        Assert.All(planes.Data, value => Assert.True(float.IsFinite(value)));
    }

    public static TheoryData<float[]> DegenerateKeypoints => new()
    {
        new float[12],
        Enumerable.Repeat(1f, 12).ToArray(),
        Enumerable.Repeat(0.5f, 12).ToArray(),
        new float[] { -3, 5, 7, -2, 0.5f, 0.5f, 0.5f, 0.5f, 100, -100, float.MaxValue / 4, 0 },
    };

    /// <summary>A tracker glitch must not put NaN or ∞ into the planes (and from there into every rendered pixel).</summary>
    [Theory]
    [MemberData(nameof(DegenerateKeypoints))]
    public void DegenerateKeypoints_StillGiveFiniteTriplanes(float[] keypoints)
    {
        var size = relief.Bundle.Encoder.InputSize;
        var planes = relief.Bundle.Encoder.Encode(SyntheticFace.CoordinateRamp(size), keypoints);
        Assert.All(planes.Data, value => Assert.True(float.IsFinite(value)));
    }

    /// <summary>The warp: a surface point takes the colour of the crop pixel it projects to through the default camera.</summary>
    [Theory]
    [InlineData(0.5f, 0.5f)]
    [InlineData(0.5f, 0.54f)]
    [InlineData(0.3f, 0.3f)]
    [InlineData(0.7f, 0.6f)]
    [InlineData(0.1f, 0.9f)]
    [InlineData(0.9f, 0.1f)]
    public void SurfaceColour_IsTheCropPixelItProjectsTo(float u, float v)
    {
        var options = relief.Options;
        var size = relief.Bundle.Encoder.InputSize;
        var planes = relief.Bundle.Encoder.Encode(SyntheticFace.CoordinateRamp(size), SyntheticFace.Parameters(size));
        var world = relief.ToWorld(new Vector2(u, v));
        var depth = relief.Depth(planes, world);
        var projected = new Vector2(
            0.5f + options.FocalLength * world.X / (options.CameraRadius - depth),
            0.5f - options.FocalLength * world.Y / (options.CameraRadius - depth));
        var colour = relief.Colour(planes, world);
        // One 8-bit step of the ramp plus the triplane's bilinear step over the warp.
        Assert.Equal(projected.X, colour.X, 0.012f);
        Assert.Equal(projected.Y, colour.Y, 0.012f);
        Assert.Equal(0.5f, colour.Z, 0.005f);
    }

    [Fact]
    public void NoseTip_IsCloserToTheCameraThanBothCheeks()
    {
        var size = relief.Bundle.Encoder.InputSize;
        var planes = relief.Bundle.Encoder.Encode(SyntheticFace.CoordinateRamp(size), SyntheticFace.Parameters(size));
        var (nose, rightCheek, leftCheek) = NoseAndCheeks(SyntheticFace.Keypoints[0], SyntheticFace.Keypoints[1], Nose);
        AssertNoseInFront(planes, nose, rightCheek, leftCheek);
    }

    [Fact]
    public void Head_IsInFrontOfNeckAndNeckInFrontOfBackground()
    {
        var size = relief.Bundle.Encoder.InputSize;
        var planes = relief.Bundle.Encoder.Encode(SyntheticFace.CoordinateRamp(size), SyntheticFace.Parameters(size));
        var eyes = relief.Depth(planes, relief.ToWorld((RightEye + LeftEye) / 2));
        var neck = relief.Depth(planes, relief.ToWorld(new Vector2(0.5f, Mouth.Y + 0.25f)));
        var cornerWorld = relief.ToWorld(new Vector2(0.03f, 0.03f));
        var corner = relief.Depth(planes, cornerWorld);
        Assert.True(eyes > neck + 0.03f, $"eyes z {eyes} should be in front of neck z {neck}");
        Assert.True(neck > corner + 0.1f, $"neck z {neck} should be in front of background z {corner}");
        Assert.Equal(relief.Options.BackgroundZ + relief.Options.BackgroundCurl * cornerWorld.X * cornerWorld.X, corner, 1e-3f);
    }

    /// <summary>The committed portrait, detected and aligned by the pipeline's own face code, then encoded.</summary>
    [Fact]
    public void Portrait_NoseTipIsCloserToTheCameraThanBothCheeks()
    {
        using var detector = new BlazeFaceDetector(TestData.Sessions);
        var face = Assert.Single(detector.Detect(TestData.Portrait));
        var aligned = FaceAligner.Align(TestData.Portrait, face, relief.Bundle.Encoder.InputSize, relief.Bundle.Manifest.Encoder.Framing);
        var planes = relief.Bundle.Encoder.Encode(aligned.Crop, FaceParameters.ToKeypoints6(aligned));
        Assert.All(planes.Data, value => Assert.True(float.IsFinite(value)));
        var viaAlignedFace = new Triplanes(planes.Layout);
        relief.Bundle.Encoder.Encode(aligned, viaAlignedFace);
        Assert.Equal(planes.Data, viaAlignedFace.Data);
        var size = (float)aligned.Crop.Width;
        var k = aligned.Keypoints;
        var (nose, rightCheek, leftCheek) = NoseAndCheeks(k.RightEye / size, k.LeftEye / size, k.NoseTip / size);
        AssertNoseInFront(planes, nose, rightCheek, leftCheek);
    }

    /// <summary>Cheeks: at the nose tip's height, a little outside each eye (normalised crop coordinates).</summary>
    private static (Vector2 Nose, Vector2 RightCheek, Vector2 LeftCheek) NoseAndCheeks(Vector2 rightEye, Vector2 leftEye, Vector2 nose)
    {
        var outward = (leftEye - rightEye) * 0.1f;
        return (nose, new Vector2((rightEye - outward).X, nose.Y), new Vector2((leftEye + outward).X, nose.Y));
    }

    private void AssertNoseInFront(Triplanes planes, Vector2 nose, Vector2 rightCheek, Vector2 leftCheek)
    {
        var noseZ = relief.Depth(planes, relief.ToWorld(nose));
        foreach (var cheek in new[] { rightCheek, leftCheek })
        {
            var cheekZ = relief.Depth(planes, relief.ToWorld(cheek));
            Assert.True(noseZ > cheekZ + 0.02f, $"nose z {noseZ} should be ≥ 0.02 in front of cheek z {cheekZ} at {cheek}");
        }
    }
}
