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
    [InlineData(256, SamplerQuality.Reference, 8, true)]
    [InlineData(512, SamplerQuality.Reference, 96, true)]
    [InlineData(128, SamplerQuality.Reference, 4, true)]
    [InlineData(256, SamplerQuality.Live, 0, true)]
    [InlineData(512, SamplerQuality.Live, 0, true)]
    [InlineData(100, SamplerQuality.Reference, 8, false)]
    [InlineData(4096, SamplerQuality.Live, 0, false)]
    [InlineData(256, SamplerQuality.Reference, 3, false)]
    [InlineData(256, SamplerQuality.Reference, 97, false)]
    [InlineData(256, SamplerQuality.Live, 8, false)]
    public void Quality_SizesFromTheListAndSamplesInRange(int size, SamplerQuality sampler, int samples, bool valid) =>
        Assert.Equal(valid, new RenderQuality(size, sampler, samples).Problem() is null);

    [Theory]
    [InlineData("live", true)]
    [InlineData("Reference", true)]
    [InlineData("fast", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void SamplerNames_ParseCaseInsensitively(string? name, bool known) =>
        Assert.Equal(known, RenderQuality.TryParseSampler(name, out _));
}
