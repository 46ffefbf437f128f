using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Tests.Camera;

public sealed class PinholeCameraTests
{
    /// <summary>The pixel-centre ray projects back onto that pixel centre: u = f·x/z + W/2 (EG3D's (i + 0.5) / resolution lift).</summary>
    [Theory]
    [InlineData(64, 64, 0, 0)]
    [InlineData(64, 64, 63, 17)]
    [InlineData(96, 48, 10, 40)]
    [InlineData(33, 65, 32, 0)]
    public void PixelRay_ProjectsBackOntoThePixelCentre(int width, int height, int x, int y)
    {
        var camera = PinholeCamera.For(new CameraView(15f, -5f, 20f), RenderingConfig.Eg3dFfhq, width, height);
        var ray = camera.PixelRay(x, y);
        float focalPixels = camera.Intrinsics.Focal * height;
        float depth = Vector3.Dot(ray.Direction, camera.Pose.Forward);

        Assert.Equal(1f, ray.Direction.Length(), 1e-5f);
        Assert.Equal(x + 0.5f, focalPixels * Vector3.Dot(ray.Direction, camera.Pose.Right) / depth + 0.5f * width, 1e-3f);
        Assert.Equal(y + 0.5f, focalPixels * Vector3.Dot(ray.Direction, camera.Pose.Down) / depth + 0.5f * height, 1e-3f);
    }

    /// <summary>TryProject inverts PointRay for any point along the ray, and refuses points behind the camera.</summary>
    [Theory]
    [InlineData(0f, 0f, 12.5f, 40.25f)]
    [InlineData(30f, -10f, 0.5f, 63.5f)]
    [InlineData(-170f, 45f, 31f, 2f)]
    public void TryProject_InvertsPointRay(float yaw, float pitch, float px, float py)
    {
        var camera = PinholeCamera.For(new CameraView(yaw, pitch, 10f), RenderingConfig.Eg3dFfhq, 64, 48);
        var ray = camera.PointRay(px, py);

        Assert.True(camera.TryProject(ray.At(2.7f), out var u, out var v));
        Assert.Equal(px, u, 1e-3f);
        Assert.Equal(py, v, 1e-3f);
        Assert.False(camera.TryProject(ray.At(-1f), out _, out _));
    }

    /// <summary>Near/far stay a fixed slab around the head: they move with the camera when zooming.</summary>
    [Theory]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(0.9f)]
    public void NearFar_MoveWithTheCameraDistance(float zoom)
    {
        var rendering = RenderingConfig.Eg3dFfhq;
        var camera = PinholeCamera.For(new CameraView(0f, 0f, Zoom: zoom), rendering, 8, 8);
        float distance = rendering.CameraRadius / zoom;

        Assert.Equal(rendering.RayNear - rendering.CameraRadius, camera.Near - distance, 1e-4f);
        Assert.Equal(rendering.RayFar - rendering.CameraRadius, camera.Far - distance, 1e-4f);
    }

    /// <summary>Zoomed in past the near slab, the camera sits inside the head's range: sampling starts at the camera, not behind it.</summary>
    [Fact]
    public void Near_NeverGoesBehindTheCamera()
    {
        var camera = PinholeCamera.For(new CameraView(0f, 0f, Zoom: 8f), RenderingConfig.Eg3dFfhq, 8, 8);

        Assert.Equal(0f, camera.Near);
        Assert.True(camera.Far > 0f);
    }
}
