using PortraitStream.Inference.Imaging;

namespace PortraitStream.Inference.Tests.Imaging;

public sealed class FfmpegImageIoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imageio-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task ReadsCommittedPortrait_AsRgb24()
    {
        var image = await new FfmpegImageIo().ReadAsync(TestData.Path("portrait.png"));
        Assert.Equal((512, 512), (image.Width, image.Height));
        Assert.Equal(512 * 512 * 3, image.Pixels.Length);
        Assert.InRange(image.Pixels.Average(b => (double)b), 40, 220);
    }

    [Fact]
    public async Task PngRoundTrip_IsLossless()
    {
        var original = TestData.Portrait;
        var path = Path.Combine(_dir, "copy.png");
        await FfmpegImageIo.WritePngAsync(original, path);
        var copy = await new FfmpegImageIo().ReadAsync(path);
        Assert.Equal(original.Pixels, copy.Pixels);
    }

    /// <summary>An RGBA PNG keeps its alpha: colour type 6, every byte back as written.</summary>
    [Fact]
    public async Task RgbaPng_KeepsAlpha()
    {
        var rgba = new byte[16 * 8 * 4];
        for (var i = 0; i < rgba.Length; i++)
        {
            rgba[i] = (byte)(i * 37);
        }
        var path = Path.Combine(_dir, "alpha.png");
        await FfmpegImageIo.WriteRgbaPngAsync(rgba, 16, 8, path);

        Assert.Equal(6, RgbaPng.ColourType(path));
        var (width, height, read) = await RgbaPng.ReadAsync(path);
        Assert.Equal((16, 8), (width, height));
        Assert.Equal(rgba, read);
    }

    [Fact]
    public async Task MissingFile_IsAClearError()
    {
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new FfmpegImageIo().ReadAsync(Path.Combine(_dir, "absent.png")));
        Assert.Contains("file not found", error.Message);
    }

    [Fact]
    public async Task EmptyFile_IsAClearError()
    {
        var path = Path.Combine(_dir, "empty.png");
        await File.WriteAllBytesAsync(path, []);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new FfmpegImageIo().ReadAsync(path));
        Assert.Contains("empty", error.Message);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    public async Task TruncatedPng_IsAClearError(double keptFraction)
    {
        var bytes = await File.ReadAllBytesAsync(TestData.Path("portrait.png"));
        var path = Path.Combine(_dir, "truncated.png");
        await File.WriteAllBytesAsync(path, bytes[..(int)(bytes.Length * keptFraction)]);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new FfmpegImageIo().ReadAsync(path));
        Assert.StartsWith(path, error.Message);
    }

    [Fact]
    public async Task NotAnImage_IsAClearError()
    {
        var path = Path.Combine(_dir, "notes.png");
        await File.WriteAllTextAsync(path, "this is not a picture\n");
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new FfmpegImageIo().ReadAsync(path));
        Assert.Contains("not a readable image", error.Message);
    }

    [Fact]
    public async Task ImageWiderThanTheLimit_IsRefusedBeforeDecoding()
    {
        // A real 9000×64 PNG: legal, tiny on disk, but wider than the default 8192 px limit.
        var path = Path.Combine(_dir, "wide.png");
        await RunFfmpeg("-f", "lavfi", "-i", "color=c=gray:s=9000x64", "-frames:v", "1", path);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new FfmpegImageIo().ReadAsync(path));
        Assert.Contains("9000×64, over the limit", error.Message);
    }

    [Fact]
    public async Task ImageOverThePixelLimit_IsRefused()
    {
        var limits = new ImageLimits { MaxPixels = 100_000 };
        var error = await Assert.ThrowsAsync<ImageIoException>(() => new FfmpegImageIo(limits).ReadAsync(TestData.Path("portrait.png")));
        Assert.Contains("512×512, over the limit", error.Message);
    }

    [Fact]
    public async Task VideoFrame_CanBeSelectedByIndex()
    {
        // Three solid frames of different greys; frame 2 must be the third.
        var path = Path.Combine(_dir, "clip.mkv");
        await RunFfmpeg("-f", "lavfi", "-i", "color=c=black:s=32x16:r=3:d=1", "-vf", "geq=lum='N*100':cb=128:cr=128",
            "-c:v", "ffv1", path);
        var io = new FfmpegImageIo();
        var third = await io.ReadAsync(path, frameIndex: 2);
        Assert.Equal((32, 16), (third.Width, third.Height));
        Assert.InRange(third.Pixels.Average(b => (double)b), 180, 220);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => io.ReadAsync(path, frameIndex: 50));
        Assert.Contains("has no frame 50", error.Message);
    }

    private static async Task RunFfmpeg(params string[] arguments)
    {
        using var process = System.Diagnostics.Process.Start("ffmpeg", ["-nostdin", "-v", "error", "-y", .. arguments]);
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
    }
}
