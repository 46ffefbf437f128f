using System.Numerics;
using PortraitStream.Inference.Faces;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>
/// Head yaw and pitch on constructed keypoints: signs, degenerate input, and both on an adult head model (centimetres,
/// x right, y down, z toward the camera) turned by known angles and projected orthographically.
/// </summary>
public class HeadPoseTests
{
    private static readonly FaceKeypoints Frontal = new(new(40, 50), new(60, 50), new(50, 60), new(50, 70), new(30, 55), new(70, 55));

    [Fact]
    public void Yaw_SignFollowsTheNose_AndIgnoresTheEars()
    {
        Assert.Equal(0f, HeadPose.YawDegrees(Frontal), 0.01f);
        // The nose toward the image's right: the face turned right, as a camera at negative yaw sees a frontal one.
        var right = HeadPose.YawDegrees(Frontal with { NoseTip = new(60, 60) });
        Assert.InRange(right, -40f, -10f);
        Assert.Equal(-right, HeadPose.YawDegrees(Frontal with { NoseTip = new(40, 60) }), 0.01f);
        // BlazeFace misplaces the tragions of a turned head; they must not move the estimate.
        Assert.Equal(0f, HeadPose.YawDegrees(Frontal with { RightEar = new(45, 55), LeftEar = new(90, 50) }), 0.01f);
    }

    /// <summary>
    /// Its lever is fitted to BlazeFace's keypoints, which overshoot the nose's true shift on turned renders; on true
    /// geometry (this model's nose stands 0.36 eye distances out) it reads about a third of the yaw: it under-turns the
    /// gaze view rather than over-rotating it, and keeps its sign.
    /// </summary>
    [Theory]
    [InlineData(10f, 0f)]
    [InlineData(-10f, 0f)]
    [InlineData(30f, 0f)]
    [InlineData(-30f, 0f)]
    [InlineData(25f, 15f)]
    [InlineData(-25f, -15f)]
    public void Yaw_OfAnAdultHeadModel_KeepsItsSign_AndNeverOvershoots(float yaw, float pitch)
    {
        var estimate = HeadPose.YawDegrees(AdultHead(yaw, pitch));
        Assert.Equal(-MathF.Sign(yaw), MathF.Sign(estimate));
        Assert.InRange(MathF.Abs(estimate), 0.25f * MathF.Abs(yaw), 0.5f * MathF.Abs(yaw));
    }

    [Fact]
    public void Pitch_IsNegativeWhenTheNoseRisesTowardTheEars_PositiveWhenItDrops()
    {
        var level = HeadPose.PitchDegrees(Frontal);
        Assert.True(HeadPose.PitchDegrees(Frontal with { NoseTip = new(50, 55) }) < level - 10);
        Assert.True(HeadPose.PitchDegrees(Frontal with { NoseTip = new(50, 65) }) > level + 10);
    }

    [Theory]
    [InlineData(0f, 0f)]
    [InlineData(0f, 10f)]
    [InlineData(0f, -10f)]
    [InlineData(0f, 20f)]
    [InlineData(0f, -20f)]
    [InlineData(25f, 15f)]
    [InlineData(-25f, -15f)]
    public void Pitch_OfAnAdultHeadModel_IsWithinAQuarterOfTheTruthPlus2Degrees(float yaw, float pitch)
    {
        // A face turned up by p looks like a frontal one seen from below: −p in HeadAngles' convention.
        var estimate = HeadPose.PitchDegrees(AdultHead(yaw, pitch));
        Assert.InRange(estimate, -pitch - (0.25f * MathF.Abs(pitch) + 2), -pitch + 0.25f * MathF.Abs(pitch) + 2);
    }

    [Fact]
    public void DegenerateFaces_GiveZero_NotNaN()
    {
        var point = new Vector2(50, 50);
        var collapsed = new FaceKeypoints(point, point, point, point, point, point);
        Assert.Equal(0f, HeadPose.PitchDegrees(collapsed));
        Assert.Equal(0f, HeadPose.YawDegrees(collapsed));
        // Mouth above the eyes: no upright face to measure.
        Assert.Equal(0f, HeadPose.PitchDegrees(Frontal with { Mouth = new(50, 40) }));
        Assert.InRange(HeadPose.PitchDegrees(Frontal with { NoseTip = new(50, 1e6f) }), -90f, 90f);
    }

    /// <summary>
    /// Tragion, eyes, nose tip and mouth of an adult head (mean anthropometry, roughly: eyes 6.4 cm apart, nose tip
    /// 3.3 cm below the eyes and 2.3 cm in front, mouth 6.5 cm below, tragions 14 cm apart, 0.8 cm below the eyes and
    /// 8 cm behind them), turned by yaw then pitch (positive = nose toward the image's right, face up: the head's own
    /// turn, which <see cref="HeadAngles"/> reads as −yaw, −pitch) and seen from far in front.
    /// </summary>
    private static FaceKeypoints AdultHead(float yawDegrees, float pitchDegrees)
    {
        // The camera looks along −z: rotating about y by +yaw brings the nose toward +x (the image's right); about x,
        // positive pitch lifts the nose (y down, so toward −y).
        var turn = Matrix4x4.CreateRotationY(yawDegrees * MathF.PI / 180) * Matrix4x4.CreateRotationX(pitchDegrees * MathF.PI / 180);
        Vector2 Project(float x, float y, float z)
        {
            var p = Vector3.Transform(new Vector3(x, y, z), turn);
            return new Vector2(50 + 5 * p.X, 50 + 5 * p.Y);
        }
        return new FaceKeypoints(
            Project(-3.2f, 0, 0), Project(3.2f, 0, 0), Project(0, 3.3f, 2.3f), Project(0, 6.5f, 0.8f),
            Project(-7f, 0.8f, -8f), Project(7f, 0.8f, -8f));
    }
}
