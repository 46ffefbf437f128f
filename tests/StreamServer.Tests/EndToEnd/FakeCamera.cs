using System.Collections.Concurrent;
using System.Diagnostics;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Y4M clips for Chromium's fake capture device, made at test time from the committed images with the ffmpeg CLI:
/// 320×240, 30 fps, 2 s (Chromium loops it).
/// </summary>
internal static class FakeCamera
{
    public const int Width = 320, Height = 240, FramesPerSecond = 30;

    private static readonly ConcurrentDictionary<string, Lazy<string>> Clips = new();

    /// <summary>The committed portrait (tests/data/portrait.png).</summary>
    public static string Portrait => Clip("portrait.png");

    /// <summary>A picture without a face (tests/data/no-face.jpg).</summary>
    public static string NoFace => Clip("no-face.jpg");

    private static string Clip(string image) => Clips.GetOrAdd(image, name => new Lazy<string>(() => Make(name))).Value;

    private static string Make(string image)
    {
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "data", image);
        var clip = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{System.IO.Path.GetFileNameWithoutExtension(image)}-{Environment.ProcessId}.y4m");
        var start = new ProcessStartInfo("ffmpeg",
            ["-loglevel", "error", "-y", "-loop", "1", "-i", source, "-vf", $"scale={Width}:{Height},format=yuv420p", "-r", FramesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "2", clip])
        {
            RedirectStandardError = true,
        };
        using var ffmpeg = Process.Start(start)!;
        var errors = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not make the fake camera clip: {errors}");
        }

        return clip;
    }
}
