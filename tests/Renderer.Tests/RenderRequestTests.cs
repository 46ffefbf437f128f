using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests;

public sealed class RenderRequestTests
{
    public static TheoryData<string, Func<RenderRequest, RenderRequest>, string> BadRequests => new()
    {
        { "zero width", r => r with { Width = 0 }, "outside 1…2048" },
        { "zero height", r => r with { Height = 0 }, "outside 1…2048" },
        { "side over the limit", r => r with { Width = RenderLimits.MaxSide + 1 }, "outside 1…2048" },
        { "one coarse sample", r => r with { Samples = new SampleCounts(1, 0) }, "coarse samples" },
        { "importance with three coarse samples", r => r with { Samples = new SampleCounts(3, 8) }, "coarse samples" },
        { "negative importance samples", r => r with { Samples = new SampleCounts(16, -1) }, "importance samples" },
        { "too many samples", r => r with { Samples = new SampleCounts(RenderLimits.MaxSamplesPerPass + 1, 0) }, "coarse samples" },
        { "decoder width differs from channels", r => r with { Decoder = RandomScene.Decoder(inputs: 5) }, "decoder takes 5 features" },
        { "zero zoom", r => r with { View = new CameraView(0f, 0f, Zoom: 0f) }, "zoom 0 is outside" },
        { "zoom past the limit", r => r with { View = new CameraView(0f, 0f, Zoom: 20f) }, "zoom 20 is outside" },
        { "camera on its look-at point", r => r with { Rendering = RenderingConfig.Eg3dFfhq with { LookAt = (0f, 0f, 0.9f) }, View = new CameraView(0f, 0f, Zoom: 3f) }, "sits on its look-at point" },
        { "pitch over the pole", r => r with { View = new CameraView(0f, 95f) }, "pitch" },
        { "NaN yaw", r => r with { View = new CameraView(float.NaN, 0f) }, "yaw" },
        { "too many planes", r => r with { Triplanes = new Triplanes(new TriplaneLayout(11, 4, [.. Enumerable.Repeat(PlaneAxes.XY, RenderLimits.MaxPlanes + 1)])) }, $"{RenderLimits.MaxPlanes + 1} triplanes" },
        { "zero box", r => r with { Rendering = RenderingConfig.Eg3dFfhq with { BoxWarp = 0f } }, "box_warp" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void BadRequest_IsRefusedWithAMessageNamingTheProblem(string why, Func<RenderRequest, RenderRequest> spoil, string message)
    {
        // The request is checked before the target's size is compared with it, so one 16×16 target serves every case.
        var error = Assert.Throws<ArgumentException>(() => new CpuVolumeRenderer().Render(spoil(ValidRequest()), RenderTarget.Allocate(16, 16)));

        AssertNames(why, message, error);
    }

    public static TheoryData<string, Func<RenderTarget>, string> BadTargets => new()
    {
        { "zero-sized target", () => RenderTarget.Allocate(0, 16), "outside 1…2048" },
        { "target over the limit", () => RenderTarget.Allocate(16, 4096), "outside 1…2048" },
        { "RGBA buffer too short", () => new RenderTarget(16, 16, new byte[16 * 16 * 3]), "RGBA buffer has 768 bytes" },
        { "depth buffer too long", () => new RenderTarget(16, 16, new byte[16 * 16 * 4], new float[16 * 17]), "depth buffer has 272 floats" },
    };

    [Theory]
    [MemberData(nameof(BadTargets))]
    public void BadTarget_IsRefusedWithAMessageNamingTheProblem(string why, Func<RenderTarget> create, string message)
    {
        AssertNames(why, message, Assert.Throws<ArgumentException>(create));
    }

    [Fact]
    public void TargetOfAnotherSize_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new CpuVolumeRenderer().Render(ValidRequest(), RenderTarget.Allocate(16, 17)));

        Assert.Contains("target is 16×17, request is 16×16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidRequest_Renders()
    {
        var target = RenderTarget.Allocate(16, 16, withDepth: true);

        new CpuVolumeRenderer().Render(ValidRequest(), target);

        Assert.Contains(target.Rgba, value => value != 0);
    }

    private static void AssertNames(string why, string expected, ArgumentException error) =>
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{why}: \"{error.Message}\" does not say \"{expected}\"");

    private static RenderRequest ValidRequest() =>
        new(RandomScene.Triplanes(), RandomScene.Decoder(), RenderingConfig.Eg3dFfhq, CameraView.Front, 16, 16)
        {
            Samples = new SampleCounts(16, 8),
        };
}
