using System.Collections.Concurrent;
using System.Diagnostics;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Y4M clips for Chromium's fake capture device, made at test time from the committed images with the ffmpeg CLI:
/// 320×240, 30 fps, 2 s stills (8 s for the swaying portrait); Chromium loops them.
/// </summary>
internal static class FakeCamera
{
    public const int Width = 320, Height = 240, FramesPerSecond = 30;

    private static readonly ConcurrentDictionary<string, Lazy<string>> Clips = new();

    /// <summary>The committed portrait (tests/data/portrait.png).</summary>
    public static string Portrait => Clip("portrait.png");

    /// <summary>A picture without a face (tests/data/no-face.jpg).</summary>
    public static string NoFace => Clip("no-face.jpg");

    /// <summary>
    /// The committed portrait moving as a person in front of a webcam does: the frame drifts ±20 px sideways and ±15 px
    /// up and down (4 s and 8 s periods, so the 8 s clip loops without a jump), so every frame differs and the tracker
    /// follows a moving face, as in a long session.
    /// </summary>
    public static string SwayingPortrait => Clips.GetOrAdd("portrait-swaying", name => new Lazy<string>(() => Make("portrait.png", name,
        $"scale={Width + 40}:{Height + 30},crop={Width}:{Height}:'20+20*sin(2*PI*t/4)':'15+15*sin(2*PI*t/8)',format=yuv420p", seconds: 8))).Value;

    private static string Clip(string image) => Clips.GetOrAdd(image, name => new Lazy<string>(() =>
        Make(name, System.IO.Path.GetFileNameWithoutExtension(name), $"scale={Width}:{Height},format=yuv420p", seconds: 2))).Value;

    /// <param name="filter">The ffmpeg video filter from the still image to the clip's frames.</param>
    private static string Make(string image, string clipName, string filter, int seconds)
    {
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "data", image);
        var clip = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{clipName}-{Environment.ProcessId}.y4m");
        var start = new ProcessStartInfo("ffmpeg",
            ["-loglevel", "error", "-y", "-loop", "1", "-i", source, "-vf", filter, "-r", FramesPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), clip])
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
