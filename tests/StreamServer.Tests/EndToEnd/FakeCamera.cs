using System.Diagnostics;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A Y4M clip for Chromium's fake capture device, made at test time from the committed portrait with the
/// ffmpeg CLI: 320×240, 30 fps, 2 s (Chromium loops it).
/// </summary>
internal static class FakeCamera
{
    public const int Width = 320, Height = 240, FramesPerSecond = 30;

    private static readonly Lazy<string> Clip = new(Make);

    public static string Path => Clip.Value;

    private static string Make()
    {
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "data", "portrait.png");
        var clip = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"portrait-{Environment.ProcessId}.y4m");
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
