using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Camera;

public sealed class CameraPoseTests
{
    private static readonly RenderingConfig Rendering = RenderingConfig.Eg3dFfhq;
    private static readonly Vector3 LookAt = new(Rendering.LookAt.X, Rendering.LookAt.Y, Rendering.LookAt.Z);

    [Fact]
    public void Front_SitsOnPlusZAtTheRadius_LookingAtTheLookAtPoint()
    {
        var pose = CameraPose.LookAt(CameraView.Front, Rendering);

        AssertClose(new Vector3(0f, 0f, Rendering.CameraRadius), pose.Origin);
        AssertClose(Vector3.Normalize(LookAt - pose.Origin), pose.Forward);
    }

    /// <summary>OpenCV camera axes (EG3D's cam2world): from the front, camera x is world +x and camera y (down) is world −y.</summary>
    [Fact]
    public void Front_UsesOpenCvAxes_XRightYDownZForward()
    {
        var pose = CameraPose.LookAt(CameraView.Front, Rendering);

        AssertClose(Vector3.UnitX, pose.Right);
        AssertClose(-Vector3.UnitY, pose.Down);
        AssertClose(-Vector3.UnitZ, pose.Forward);
    }

    [Theory]
    [InlineData(10f)]
    [InlineData(45f)]
    [InlineData(90f)]
    public void PositiveYaw_MovesTheCameraTowardPlusX(float yaw)
    {
        var pose = CameraPose.LookAt(new CameraView(yaw, 0f), Rendering);

        Assert.True(pose.Origin.X > 0f);
        Assert.True(CameraPose.LookAt(new CameraView(-yaw, 0f), Rendering).Origin.X < 0f);
        Assert.Equal(Rendering.CameraRadius * MathF.Sin(yaw * MathF.PI / 180f), pose.Origin.X, 1e-4f);
    }

    [Theory]
    [InlineData(5f)]
    [InlineData(30f)]
    [InlineData(80f)]
    public void PositivePitch_MovesTheCameraUp(float pitch)
    {
        var pose = CameraPose.LookAt(new CameraView(0f, pitch), Rendering);

        Assert.True(pose.Origin.Y > 0f);
        Assert.True(CameraPose.LookAt(new CameraView(0f, -pitch), Rendering).Origin.Y < 0f);
        Assert.Equal(Rendering.CameraRadius * MathF.Sin(pitch * MathF.PI / 180f), pose.Origin.Y, 1e-4f);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(2f)]
    [InlineData(0.8f)]
    public void Zoom_DividesTheDistanceFromTheOrigin(float zoom)
    {
        var pose = CameraPose.LookAt(new CameraView(25f, -10f, Zoom: zoom), Rendering);

        Assert.Equal(Rendering.CameraRadius / zoom, pose.Origin.Length(), 1e-4f);
    }

    [Theory]
    [InlineData(0f, 0f, 0f)]
    [InlineData(37f, -12f, 0f)]
    [InlineData(-70f, 45f, 30f)]
    [InlineData(120f, 5f, -90f)]
    public void Frame_IsRightHandedOrthonormal_AndLooksAtTheLookAt(float yaw, float pitch, float roll)
    {
        var pose = CameraPose.LookAt(new CameraView(yaw, pitch, roll), Rendering);

        Assert.Equal(1f, pose.Right.Length(), 1e-5f);
        Assert.Equal(1f, pose.Down.Length(), 1e-5f);
        Assert.Equal(0f, Vector3.Dot(pose.Right, pose.Down), 1e-5f);
        // OpenCV's frame is right-handed: x × y = z.
        AssertClose(pose.Forward, Vector3.Cross(pose.Right, pose.Down));
        AssertClose(Vector3.Normalize(LookAt - pose.Origin), pose.Forward);
    }

    /// <summary>Roll turns the camera about its viewing axis: position and forward stay, right and down rotate.</summary>
    [Theory]
    [InlineData(90f)]
    [InlineData(-45f)]
    public void Roll_OnlyRotatesAboutTheViewingAxis(float roll)
    {
        var upright = CameraPose.LookAt(new CameraView(20f, 10f), Rendering);
        var rolled = CameraPose.LookAt(new CameraView(20f, 10f, roll), Rendering);

        AssertClose(upright.Origin, rolled.Origin);
        AssertClose(upright.Forward, rolled.Forward);
        Assert.Equal(MathF.Cos(roll * MathF.PI / 180f), Vector3.Dot(upright.Right, rolled.Right), 1e-5f);
    }

    /// <summary>EG3D's FOV_to_intrinsics: 18.837° (diagonal) is its FFHQ focal length 4.2647.</summary>
    [Fact]
    public void FieldOfView_FollowsEg3dsDiagonalConvention()
    {
        Assert.Equal(Rendering.FocalLength, CameraIntrinsics.For(new CameraView(0f, 0f, FovDegrees: 18.837f), Rendering).Focal, 2e-3f);
        Assert.Equal(Rendering.FocalLength, CameraIntrinsics.For(CameraView.Front, Rendering).Focal);
    }

    private static void AssertClose(Vector3 expected, Vector3 actual, float tolerance = 1e-5f) =>
        Assert.True(Vector3.Distance(expected, actual) <= tolerance, $"expected {expected}, got {actual}");
}
