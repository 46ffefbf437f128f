using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Relief;
using PortraitStream.Tests.Support;

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
        var io = new ImageFiles();
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

    [Theory]
    [InlineData("live", "cpu")]
    [InlineData("reference", "vulkan")]
    public async Task Stereo_WritesBothEyesSideBySide(string quality, string renderer)
    {
        var args = new List<string> { "render", "--image", Portrait, "--size", "48", "--quality", quality, "--renderer", renderer, "--stereo", "--ipd", "70", "--out", File("sbs.png") };
        if (quality == "reference") args.AddRange(["--samples", "8"]);
        var result = await ServerProcess.RunAsync([.. args]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("96×48 (stereo side by side, IPD 70 mm)", result.Stdout);
        var view = await new ImageFiles().ReadAsync(File("sbs.png"));
        Assert.Equal((96, 48), (view.Width, view.Height));
        // Two viewpoints: the halves differ, yet show the same face (similar brightness).
        double left = 0, right = 0, difference = 0;
        for (int y = 0; y < 48; y++)
        for (int x = 0; x < 48 * 3; x++)
        {
            byte a = view.Pixels[y * 96 * 3 + x], b = view.Pixels[y * 96 * 3 + 48 * 3 + x];
            (left, right, difference) = (left + a, right + b, difference + Math.Abs(a - b));
        }
        Assert.True(difference > 0, "both halves are identical");
        Assert.InRange(left / right, 0.8, 1.25);
    }

    [Theory]
    [InlineData("--ipd 20 --stereo", "--ipd must be between 40 and 80 mm")]
    [InlineData("--ipd 63", "--ipd needs --stereo")]
    public async Task StereoOptions_OutOfRange_AreUsageErrors(string options, string expected)
    {
        var result = await ServerProcess.RunAsync(["render", "--image", Portrait, "--renderer", "cpu", "--out", File("sbs.png"), .. options.Split(' ')]);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(expected, result.Stderr);
        Assert.False(System.IO.File.Exists(File("sbs.png")));
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

    /// <summary>
    /// The default model is drawn for views within ±45° of yaw and ±25° of pitch (model.json rendering.viewRange): a view
    /// beyond is one clear line naming the range, no picture. A bundle that declares no range renders any view.
    /// </summary>
    [Fact]
    public async Task ViewOutsideTheModelsRange_IsOneClearLine_ABundleWithoutARangeRendersIt()
    {
        var refused = await ServerProcess.RunAsync("render", "--image", Portrait, "--yaw", "120", "--renderer", "cpu", "--out", File("view.png"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("error: yaw 120° pitch 0° is outside the views relief-v2 is meant to be seen from: yaw within ±45°, pitch within ±25° (its model.json rendering.viewRange)",
            Assert.Single(refused.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.False(System.IO.File.Exists(File("view.png")));

        ReliefBundle.WriteTo(File("bundle"));
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await System.IO.File.ReadAllTextAsync(Path.Combine(File("bundle"), "model.json")))!;
        manifest["rendering"]!.AsObject().Remove("viewRange");
        await System.IO.File.WriteAllTextAsync(Path.Combine(File("bundle"), "model.json"), manifest.ToJsonString());
        var rendered = await ServerProcess.RunAsync("render", "--image", Portrait, "--yaw", "120", "--size", "48", "--samples", "8", "--renderer", "cpu",
            "--model", File("bundle"), "--out", File("view.png"));
        Assert.True(rendered.ExitCode == 0, rendered.Stderr);
        Assert.Contains("yaw 120°", rendered.Stdout);
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
    [InlineData(2, "--background", "fog")]
    [InlineData(2, "--background", "color:#12345")]
    [InlineData(2, "--background", "image:")]
    public async Task BadOptions_AreOneClearLine(int exitCode, string option, string value)
    {
        var result = await ServerProcess.RunAsync("render", "--image", Portrait, option, value, "--out", File("view.png"));
        Assert.Equal(exitCode, result.ExitCode);
        Assert.StartsWith("error: ", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }

    /// <summary>
    /// The built-in relief covers its whole box, so the view is zoomed out until the corners lie outside the box: there
    /// the render is transparent. <c>remove</c> writes that transparency as an RGBA PNG; <c>color:</c> puts exactly
    /// the colour there, and the render's own colour over it by its alpha everywhere else.
    /// </summary>
    [Fact]
    public async Task Background_RemoveKeepsTheAlpha_ColorFillsExactlyWhereTheRenderIsTransparent()
    {
        string[] view = ["render", "--image", Portrait, "--zoom", "0.5", "--size", "48", "--quality", "live", "--renderer", "cpu"];
        var removed = await ServerProcess.RunAsync([.. view, "--background", "remove", "--out", File("remove.png")]);
        var coloured = await ServerProcess.RunAsync([.. view, "--background", "color:#00ff00", "--out", File("green.png")]);

        Assert.True(removed.ExitCode == 0, removed.Stderr);
        Assert.True(coloured.ExitCode == 0, coloured.Stderr);
        Assert.Contains("background color:#00ff00", coloured.Stdout);
        Assert.Equal(6, RgbaPng.ColourType(File("remove.png"))); // RGBA
        Assert.Equal(2, RgbaPng.ColourType(File("green.png")));  // RGB: opaque over the colour
        var (_, _, rgba) = await RgbaPng.ReadAsync(File("remove.png"));
        var rgb = (await new ImageFiles().ReadAsync(File("green.png"))).Pixels;
        byte[] green = [0, 255, 0];
        int transparent = 0, opaque = 0;
        for (var i = 0; i < 48 * 48; i++)
        {
            var alpha = rgba[4 * i + 3];
            (transparent, opaque) = (transparent + (alpha == 0 ? 1 : 0), opaque + (alpha == 255 ? 1 : 0));
            for (var c = 0; c < 3; c++)
            {
                // PNG alpha is straight: the render's premultiplied colour is straight · α.
                var expected = rgba[4 * i + c] * alpha / 255.0 + (1 - alpha / 255.0) * green[c];
                Assert.InRange(rgb[3 * i + c], expected - 2, expected + 2);
            }
        }
        Assert.All(new[] { 0, 47, 48 * 47, 48 * 48 - 1 }, corner => Assert.Equal(0, rgba[4 * corner + 3]));
        // The person covers a good part of the picture; its anti-aliased one-pixel rim is neither.
        Assert.True(transparent > 48 * 48 / 5 && opaque > 48 * 48 / 8, $"{transparent} transparent, {opaque} opaque pixels");
    }

    [Fact]
    public async Task Background_MissingImage_IsOneClearLine()
    {
        var missing = File("missing.png");
        var result = await ServerProcess.RunAsync("render", "--image", Portrait, "--background", "image:" + missing, "--out", File("view.png"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: background image {missing}: file not found", result.Stderr.Trim());
        Assert.False(System.IO.File.Exists(File("view.png")));
    }

    [Fact]
    public async Task Background_OversizedImage_NamesTheFileAndTheLimit()
    {
        var big = File("big.png");
        using (var ffmpeg = System.Diagnostics.Process.Start("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "color=c=red:s=8200x8", "-frames:v", "1", big]))
        {
            await ffmpeg.WaitForExitAsync();
        }
        var result = await ServerProcess.RunAsync("render", "--image", Portrait, "--background", "image:" + big, "--out", File("view.png"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: background image {big}: image is 8200×8, over the limit of 8192 px a side and 40 MP", result.Stderr.Trim());
    }
}
