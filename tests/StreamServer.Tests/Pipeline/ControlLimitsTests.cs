using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Tests.Pipeline;

public sealed class ControlLimitsTests
{
    [Theory]
    [InlineData(double.NaN, 0, 0, 1, 0, "yaw")]
    [InlineData(181, 0, 0, 1, 0, "yaw")]
    [InlineData(0, 90, 0, 1, 0, "pitch")]
    [InlineData(0, double.NegativeInfinity, 0, 1, 0, "pitch")]
    [InlineData(0, 0, double.PositiveInfinity, 1, 0, "roll")]
    [InlineData(0, 0, 0, 0, 0, "zoom")]
    [InlineData(0, 0, 0, 1e9, 0, "zoom")]
    [InlineData(0, 0, 0, 1, 5, "fov")]
    [InlineData(0, 0, 0, 1, 170, "fov")]
    [InlineData(0, 0, 0, 1, double.NaN, "fov")]
    public void SetView_OutOfRangeOrNotFinite_IsRefusedNamingTheArgument(double yaw, double pitch, double roll, double zoom, double fov, string name)
    {
        var e = Assert.Throws<ArgumentException>(() => ControlLimits.View(yaw, pitch, roll, zoom, fov));
        Assert.Contains(name, e.Message);
    }

    [Fact]
    public void SetView_LegalValues_PassAndFovAtOrBelowZeroMeansTheModels()
    {
        var view = ControlLimits.View(-180, 89, 45, 0.25, -1);
        Assert.Equal((-180f, 89f, 45f, 0.25f, 0f), (view.YawDegrees, view.PitchDegrees, view.RollDegrees, view.Zoom, view.FovDegrees));
        Assert.Equal(60f, ControlLimits.View(0, 0, 0, 1, 60).FovDegrees);
    }

    [Theory]
    [InlineData(256, 8, true)]
    [InlineData(512, 96, true)]
    [InlineData(128, 4, true)]
    [InlineData(100, 8, false)]
    [InlineData(4096, 8, false)]
    [InlineData(256, 3, false)]
    [InlineData(256, 97, false)]
    public void Quality_SizesFromTheListAndSamplesInRange(int size, int samples, bool valid) =>
        Assert.Equal(valid, new RenderQuality(size, samples).Problem() is null);
}
