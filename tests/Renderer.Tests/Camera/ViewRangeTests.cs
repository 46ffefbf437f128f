using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Tests.Camera;

public sealed class ViewRangeTests
{
    private static readonly ViewRange Range = new(45, 25);

    [Theory]
    [InlineData(45, -25, true)]
    [InlineData(-45.5f, 0, false)]
    [InlineData(0, 25.5f, false)]
    [InlineData(180, 0, false)]
    public void Contains_TheEdgeIsInside(float yaw, float pitch, bool inside) =>
        Assert.Equal(inside, Range.Contains(new CameraView(yaw, pitch)));

    /// <summary>A view outside moves to the nearest inside on each axis; roll, zoom and field of view are the viewer's and stay.</summary>
    [Fact]
    public void Clamp_MovesYawAndPitchOnly()
    {
        Assert.Equal(new CameraView(45, -25, 10, 2, 30), Range.Clamp(new CameraView(170, -60, 10, 2, 30)));
        Assert.Equal(new CameraView(-45, 12, 0, 1), Range.Clamp(new CameraView(-90, 12)));
        var inside = new CameraView(-20, 5, 3, 0.5f);
        Assert.Equal(inside, Range.Clamp(inside));
    }

    [Fact]
    public void Unlimited_HoldsEveryValidView()
    {
        Assert.True(ViewRange.Unlimited.IsUnlimited);
        Assert.False(Range.IsUnlimited);
        Assert.True(ViewRange.Unlimited.Contains(new CameraView(-180, CameraView.MaxAbsPitchDegrees)));
    }

    [Fact]
    public void Require_NamesTheModelAndItsRange()
    {
        Range.Require(new CameraView(30, -10), "relief-v2");
        var error = Assert.Throws<ArgumentException>(() => Range.Require(new CameraView(120, 0), "relief-v2"));
        Assert.Equal("yaw 120° pitch 0° is outside the views relief-v2 is meant to be seen from: yaw within ±45°, pitch within ±25° (its model.json rendering.viewRange)", error.Message);
    }
}
