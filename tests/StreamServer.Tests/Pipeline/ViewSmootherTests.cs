using PortraitStream.Renderer.Camera;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Tests.Pipeline;

public sealed class ViewSmootherTests
{
    private static readonly TimeSpan Tau = TimeSpan.FromMilliseconds(100);

    [Fact]
    public void FirstView_IsTakenAsIs()
    {
        var smoother = new ViewSmoother(Tau);
        Assert.Equal(new CameraView(25, 5), smoother.Step(new CameraView(25, 5), TimeSpan.FromMilliseconds(10)));
    }

    [Fact]
    public void AfterOneTimeConstant_63PercentOfTheWay_WhateverTheFrameRate()
    {
        foreach (var steps in new[] { 1, 4, 25 })
        {
            var smoother = new ViewSmoother(Tau);
            smoother.Step(CameraView.Front, TimeSpan.Zero);
            CameraView view = default;
            for (var i = 0; i < steps; i++)
            {
                view = smoother.Step(new CameraView(100, 0), Tau / steps);
            }

            Assert.Equal(100 * (1 - Math.Exp(-1)), view.YawDegrees, 0.5);
        }
    }

    [Fact]
    public void Converges_AndZoomEasesInLogSpace()
    {
        var smoother = new ViewSmoother(Tau);
        smoother.Step(new CameraView(0, 0, 0, 1), TimeSpan.Zero);
        var half = smoother.Step(new CameraView(0, 0, 0, 4), Tau * Math.Log(2)); // half way in log space: zoom 2
        Assert.Equal(2, half.Zoom, 2);
        var end = smoother.Step(new CameraView(30, 10, 5, 4), TimeSpan.FromSeconds(5));
        Assert.Equal(30, end.YawDegrees, 2);
        Assert.Equal(10, end.PitchDegrees, 2);
        Assert.Equal(5, end.RollDegrees, 2);
    }

    [Fact]
    public void SwitchBetweenModelFovAndExplicitFov_Snaps()
    {
        var smoother = new ViewSmoother(Tau);
        smoother.Step(CameraView.Front, TimeSpan.Zero);
        Assert.Equal(30, smoother.Step(CameraView.Front with { FovDegrees = 30 }, TimeSpan.FromMilliseconds(1)).FovDegrees);
        Assert.Equal(0, smoother.Step(CameraView.Front, TimeSpan.FromMilliseconds(1)).FovDegrees);
    }
}
