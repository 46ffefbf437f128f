using BenchmarkDotNet.Attributes;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Perf;

/// <summary>
/// Still-image decoding through the product's reader (what `render --image`, `detect` and the background library
/// pay per file): a 640×480 JPEG (a webcam still) and a 1920×1080 PNG (a background image), both made once from the
/// committed portrait with ffmpeg so the files are real encoder output, not synthetic patterns.
/// </summary>
[MemoryDiagnoser]
public class ImageDecodeBenchmarks
{
    private readonly ImageFiles _reader = new();
    private string _jpeg = null!;
    private string _png = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = Directory.CreateTempSubdirectory("image-decode-bench").FullName;
        var portrait = Path.Combine(AppContext.BaseDirectory, "data", "portrait.png");
        _jpeg = Path.Combine(folder, "webcam-640x480.jpg");
        _png = Path.Combine(folder, "background-1920x1080.png");
        Ffmpeg("-i", portrait, "-vf", "scale=640:480", "-q:v", "3", _jpeg);
        Ffmpeg("-i", portrait, "-vf", "scale=1920:1080", _png);
    }

    [Benchmark(Description = "decode 640x480 JPEG")]
    public RgbImage Jpeg640x480() => _reader.ReadAsync(_jpeg).GetAwaiter().GetResult();

    [Benchmark(Description = "decode 1920x1080 PNG")]
    public RgbImage Png1920x1080() => _reader.ReadAsync(_png).GetAwaiter().GetResult();

    private static void Ffmpeg(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("ffmpeg") { RedirectStandardError = true };
        foreach (var arg in (string[])["-y", "-v", "error", .. args]) start.ArgumentList.Add(arg);
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {string.Join(' ', args)}: {error}");
    }
}
