using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Sampling;

namespace PortraitStream.Renderer.Tests.Sampling;

public sealed class RaySegmentTests
{
    /// <summary>Along the z axis from z = 2.7 the unit box spans depths 2.2…3.2; near/far then trim it.</summary>
    [Theory]
    [InlineData(0f, 10f, 2.2f, 3.2f)]
    [InlineData(2.25f, 3.3f, 2.25f, 3.2f)]
    [InlineData(2.5f, 2.6f, 2.5f, 2.6f)]
    public void AxisRay_IsClippedToTheBoxAndNearFar(float near, float far, float expectedStart, float expectedEnd)
    {
        var ray = new Ray(new Vector3(0f, 0f, 2.7f), -Vector3.UnitZ);

        var segment = RaySegment.Clip(ray, boxWarp: 1f, near, far);

        Assert.Equal(expectedStart, segment.Start, 1e-5f);
        Assert.Equal(expectedEnd, segment.End, 1e-5f);
    }

    /// <summary>A diagonal ray enters and leaves the box through the faces the slab method predicts.</summary>
    [Fact]
    public void ObliqueRay_EntersAndLeavesAtTheBoxFaces()
    {
        var direction = Vector3.Normalize(new Vector3(-1f, 0f, -1f));
        var ray = new Ray(new Vector3(1f, 0.1f, 1f), direction);

        var segment = RaySegment.Clip(ray, boxWarp: 1f, near: 0f, far: 10f);

        Assert.Equal(0.5f, ray.At(segment.Start).X, 1e-5f);
        Assert.Equal(-0.5f, ray.At(segment.End).X, 1e-5f);
    }

    [Theory]
    [InlineData(0.6f, 0f, 2.7f, 0f, 0f, -1f)]
    [InlineData(0f, 0f, 2.7f, 0f, 0f, 1f)]
    [InlineData(0f, 0.7f, 2.7f, 0.1f, 0f, -1f)]
    public void MissingRay_IsEmpty(float ox, float oy, float oz, float dx, float dy, float dz)
    {
        var ray = new Ray(new Vector3(ox, oy, oz), Vector3.Normalize(new Vector3(dx, dy, dz)));

        Assert.True(RaySegment.Clip(ray, boxWarp: 1f, near: 0f, far: 10f).IsEmpty);
    }

    [Fact]
    public void BoxBeyondFar_IsEmpty()
    {
        var ray = new Ray(new Vector3(0f, 0f, 2.7f), -Vector3.UnitZ);

        Assert.True(RaySegment.Clip(ray, boxWarp: 1f, near: 0.5f, far: 2f).IsEmpty);
    }
}
