using System.Diagnostics;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// SetViewerPose over the real hub and WebSocket, as a page (or a hostile script) calls it: a good pose is taken, a
/// malformed one refused in one sentence saying what is wrong, and a flood dropped (false) beyond 90 a second.
/// </summary>
public sealed class StreamHubPoseTests : EchoServerHubTests
{
    private static readonly double[] Identity = [0, 0, 0, 1];

    [Fact]
    public async Task GoodPose_IsTaken()
    {
        Assert.True((await Hub.ResultAsync("SetViewerPose", new[] { 0.1, -0.05, 0.2 }, new[] { 0, 0.0998, 0, 0.995 }, 1234.5)).GetBoolean());
    }

    [Theory]
    [InlineData(new[] { 0, 0, 11.0 }, "SetViewerPose: position [0, 0, 11] must be finite and within ±10 m on each axis")]
    [InlineData(new[] { 0.0, 0 }, "SetViewerPose: position must be [x, y, z] in metres, got 2 numbers")]
    public async Task BadPosition_IsRefusedSayingWhy(double[] position, string expected)
    {
        Assert.EndsWith(expected, await Hub.InvokeAsync("SetViewerPose", position, Identity, 0), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonUnitQuaternion_AndNotANumber_AreRefused()
    {
        Assert.EndsWith("SetViewerPose: orientation [0, 0, 0, 0.5] must be a unit quaternion (length 0.5, tolerance 0.01)",
            await Hub.InvokeAsync("SetViewerPose", new[] { 0.0, 0, 0 }, new[] { 0, 0, 0, 0.5 }, 0), StringComparison.Ordinal);
        // JSON has no NaN: a browser's JSON.stringify sends NaN as null, which the hub cannot bind to a number.
        Assert.NotNull(await Hub.InvokeAsync("SetViewerPose", new double?[] { null, 0, 0 }, Identity, 0));
        Assert.True((await Hub.ResultAsync("SetViewerPose", new[] { 0.0, 0, 0 }, Identity, 10)).GetBoolean());
        Assert.EndsWith("SetViewerPose: timestamp 5 ms is older than the previous pose's 10 ms",
            await Hub.InvokeAsync("SetViewerPose", new[] { 0.0, 0, 0 }, Identity, 5), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flood_BeyondNinetyASecond_IsDroppedNotRefused()
    {
        const int calls = 400;
        var taken = 0;
        var elapsed = Stopwatch.StartNew();
        for (var i = 0; i < calls; i++)
        {
            taken += (await Hub.ResultAsync("SetViewerPose", new[] { 0.0, 0, 0 }, Identity, i)).GetBoolean() ? 1 : 0;
        }
        var allowed = SessionControl.PoseBurst + SessionControl.PosesPerSecond * elapsed.Elapsed.TotalSeconds + 1;
        Assert.InRange(taken, SessionControl.PoseBurst, allowed);
        Assert.True(taken < calls, $"all {calls} poses taken in {elapsed.Elapsed.TotalSeconds:F2} s");
        // The other controls keep their own budget.
        Assert.Null(await Hub.InvokeAsync("SetStyle", "none"));
    }
}
