using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Relief;

namespace PortraitStream.Server.Tests.Cli;

public sealed class RenderCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    private static string Portrait => ServerProcess.DataPath("portrait.png");

    [Theory]
    [InlineData("cpu")]
    [InlineData("vulkan")]
    public async Task Portrait_TurnedView_WritesViewCropAndDepth(string renderer)
    {
        var result = await ServerProcess.RunAsync("render", "--image", Portrait, "--yaw", "25", "--pitch", "5", "--size", "64",
            "--samples", "12", "--renderer", renderer, "--out", File("view.png"), "--crop-out", File("crop.png"), "--depth-out", File("depth.png"));

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"renderer {renderer}", result.Stdout);
        Assert.Contains("12+12 samples", result.Stdout);
        var io = new FfmpegImageIo();
        var view = await io.ReadAsync(File("view.png"));
        var depth = await io.ReadAsync(File("depth.png"));
        var crop = await io.ReadAsync(File("crop.png"));
        Assert.Equal((64, 64), (view.Width, view.Height));
        Assert.Equal((64, 64), (depth.Width, depth.Height));
        Assert.Equal(crop.Width, crop.Height);
        // A lit, varied picture, and a depth map with near (bright) and far (dark) parts.
        Assert.InRange(view.Pixels.Average(b => (double)b), 40, 220);
        Assert.True(depth.Pixels.Max() - depth.Pixels.Min() > 100);
    }

    [Fact]
    public async Task ExportedBundle_IsAcceptedByModelOption()
    {
        ReliefBundle.WriteTo(File("bundle"));
        var result = await ServerProcess.RunAsync("render", "--image", Portrait, "--size", "32", "--samples", "8", "--renderer", "cpu",
            "--model", File("bundle"), "--out", File("view.png"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("model relief (untrained/geometric)", result.Stdout);
    }

    [Fact]
    public async Task BundleBreakingTheContract_IsRefusedNamingTheField()
    {
        ReliefBundle.WriteTo(File("bundle"));
        var manifest = Path.Combine(File("bundle"), "model.json");
        var json = await System.IO.File.ReadAllTextAsync(manifest);
        await System.IO.File.WriteAllTextAsync(manifest, json.Replace("\"version\": 1", "\"version\": 99", StringComparison.Ordinal));
        var result = await ServerProcess.RunAsync("render", "--image", Portrait, "--renderer", "cpu", "--model", File("bundle"), "--out", File("view.png"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("model.json: version must be 1", result.Stderr);
        Assert.False(System.IO.File.Exists(File("view.png")));
    }

    [Fact]
    public async Task NoFace_ExitsWith3()
    {
        var result = await ServerProcess.RunAsync("render", "--image", ServerProcess.DataPath("no-face.jpg"), "--renderer", "cpu", "--out", File("view.png"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains("no face found", result.Stderr);
    }

    [Theory]
    [InlineData(2, "--samples", "1")]
    [InlineData(2, "--size", "4096")]
    [InlineData(2, "--renderer", "opengl")]
    [InlineData(1, "--pitch", "95")]
    public async Task BadOptions_AreOneClearLine(int exitCode, string option, string value)
    {
        var result = await ServerProcess.RunAsync("render", "--image", Portrait, option, value, "--out", File("view.png"));
        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
