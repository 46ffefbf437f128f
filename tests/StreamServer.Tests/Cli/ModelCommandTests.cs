using System.Text.Json.Nodes;
using PortraitStream.Inference.Imaging;
using PortraitStream.Server.Tests.Lp3d;

namespace PortraitStream.Server.Tests.Cli;

[Collection(Lp3dSuite.Name)]
public sealed class ModelCommandTests(Lp3dTinyBundle tiny) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("model-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Check_Lp3dTinyBundle_Passes()
    {
        var result = await ServerProcess.RunAsync("model", "check", tiny.BundleDirectory, "--provider", "cpu", "--runs", "2");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("model lp3d-tiny", result.Stdout);
        Assert.Contains("untrained (trained: false)", result.Stdout);
        Assert.Contains("output \"triplanes\" [1, 3, 32, 32, 32], axes xy xz zx", result.Stdout);
        Assert.Contains("execution provider: CPU", result.Stdout);
        Assert.Contains("views: any (no rendering.viewRange)", result.Stdout);
        Assert.Contains("ms median of 2 runs", result.Stdout);
        Assert.Contains("plane zx: mean", result.Stdout);
        Assert.Contains("triplanes: sane", result.Stdout);
    }

    [Fact]
    public async Task Check_WrittenReliefBundle_Passes()
    {
        var bundle = Path.Combine(_dir, "relief");
        var written = await ServerProcess.RunAsync("model", "write-relief", bundle, "--version", "1");
        Assert.True(written.ExitCode == 0, written.Stderr);

        var result = await ServerProcess.RunAsync("model", "check", bundle, "--provider", "cpu", "--runs", "1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("model relief", result.Stdout);
        Assert.Contains("+ \"face\" [1, 12] (keypoints6)", result.Stdout);
        Assert.Contains("views: yaw within ±30°, pitch within ±15° (rendering.viewRange)", result.Stdout);
        Assert.Contains("triplanes: sane", result.Stdout);
    }

    /// <summary>Relief v2 (the default model) written as a folder passes the same check, with its mesh and matte inputs.</summary>
    [Fact]
    public async Task Check_WrittenReliefV2Bundle_Passes()
    {
        var bundle = Path.Combine(_dir, "relief-v2");
        var written = await ServerProcess.RunAsync("model", "write-relief", bundle);
        Assert.True(written.ExitCode == 0, written.Stderr);
        Assert.Contains("relief-v2 bundle written", written.Stdout);

        var result = await ServerProcess.RunAsync("model", "check", bundle, "--provider", "cpu", "--runs", "1");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("model relief-v2", result.Stdout);
        Assert.Contains("+ \"mesh\" [1, 1404] (mesh468) + \"matte\" [1, 1, 256, 256] (person matte)", result.Stdout);
        Assert.Contains("triplanes: sane", result.Stdout);
    }

    [Theory]
    [InlineData("triplanes.resolution", 0, "error: model.json: triplanes.resolution must be an integer in [2, 2048], got 0")]
    [InlineData("encoder.image.size", 128, "error: encoder.onnx: input \"image\" has shape [1, 3, 64, 64], model.json declares [1, 3, 128, 128]")]
    public async Task Check_BrokenBundle_ExitsWith1NamingTheField(string field, int value, string message)
    {
        var bundle = tiny.CopyTo(_dir);
        var path = Path.Combine(bundle, "model.json");
        var json = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsObject();
        var parts = field.Split('.');
        parts[..^1].Aggregate(json, (node, part) => node[part]!.AsObject())[parts[^1]] = value;
        await File.WriteAllTextAsync(path, json.ToJsonString());

        var result = await ServerProcess.RunAsync("model", "check", bundle, "--provider", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(message, Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task Check_MissingFolder_ExitsWith1()
    {
        var result = await ServerProcess.RunAsync("model", "check", Path.Combine(_dir, "nothing-here"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("model bundle folder not found", result.Stderr);
    }

    [Fact]
    public async Task Render_WithLp3dTinyBundle_WritesAnImage()
    {
        var view = Path.Combine(_dir, "view.png");
        var result = await ServerProcess.RunAsync("render", "--image", ServerProcess.DataPath("portrait.png"), "--model", tiny.BundleDirectory,
            "--yaw", "20", "--size", "32", "--samples", "8", "--renderer", "cpu", "--out", view);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("model lp3d-tiny (untrained/geometric)", result.Stdout);
        var image = await new ImageFiles().ReadAsync(view);
        Assert.Equal((32, 32), (image.Width, image.Height));
    }
}
