using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Camera;

/// <summary>The eyes' cameras: parallel axes IPD apart, converging (zero parallax) on the look-at point.</summary>
public sealed class StereoRigTests
{
    [Theory]
    [InlineData(0f, 0f, 0f)]
    [InlineData(30f, -15f, 0f)]
    [InlineData(-50f, 20f, 10f)]
    public void Eyes_AreIpdApartAlongRight_AndBothSeeTheLookAtPointAtTheCentre(float yaw, float pitch, float roll)
    {
        var rendering = RenderingConfig.Eg3dFfhq;
        var mono = PinholeCamera.For(new CameraView(yaw, pitch, roll), rendering, 96, 64);
        var rig = new StereoRig(70f);
        var left = rig.Eye(mono, StereoEye.Left, rendering);
        var right = rig.Eye(mono, StereoEye.Right, rendering);

        var baseline = right.Pose.Origin - left.Pose.Origin;
        Assert.Equal(rig.IpdWorld, baseline.Length(), 5);
        Assert.Equal(1f, Vector3.Dot(Vector3.Normalize(baseline), mono.Pose.Right), 5);
        Assert.Equal(mono.Pose.Forward, left.Pose.Forward);
        var lookAt = new Vector3(rendering.LookAt.X, rendering.LookAt.Y, rendering.LookAt.Z);
        foreach (var eye in new[] { left, right })
        {
            Assert.True(eye.TryProject(lookAt, out float px, out float py));
            Assert.Equal(0.5f * eye.Width, px, 3);
            Assert.Equal(0.5f * eye.Height, py, 3);
        }
    }

    [Fact]
    public void DefaultIpd_IsThePortraitsEyeDistance()
    {
        // 63 mm ↦ the eye distance the face framing puts in the field (StereoRig's summary derives 0.1295 units).
        Assert.Equal(0.1295f, StereoRig.Default.IpdWorld, 4);
    }

    [Theory]
    [InlineData(39.9f)]
    [InlineData(80.5f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(-63f)]
    public void IpdOutOfRange_IsNamed(float ipd)
    {
        Assert.Contains("outside 40…80 mm", new StereoRig(ipd).Problem(), StringComparison.Ordinal);
    }
}
