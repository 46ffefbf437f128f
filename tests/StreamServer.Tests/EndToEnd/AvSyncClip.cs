using System.Diagnostics;
using System.Globalization;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The flash-and-beep clip for Chromium's fake camera and microphone, made at test time with the ffmpeg CLI: 2 s loops,
/// a dark grey 320×240 30 fps video whose first 100 ms are white, and a 48 kHz mono WAV whose first 100 ms are a
/// 1 kHz tone. Both last exactly 2 s (60 frames, 96 000 samples), so as Chromium loops them their skew stays put on a
/// quiet machine (on a loaded one the camera's frames come late and it drifts, hence offsets compared loop by loop);
/// web/av-sync.js finds the flashes and the beeps.
/// </summary>
internal static class AvSyncClip
{
    public const double PeriodSeconds = 2, FlashSeconds = 0.1;

    private static readonly Lazy<(string Video, string Audio)> Files = new(Make);

    /// <summary>The Y4M video, for --use-file-for-fake-video-capture.</summary>
    public static string Video => Files.Value.Video;

    /// <summary>The WAV audio, for --use-file-for-fake-audio-capture.</summary>
    public static string Audio => Files.Value.Audio;

    /// <summary>Chromium switches that play the clip, and let the page's AudioContext run without a click.</summary>
    public static string[] BrowserArguments =>
        [$"--use-file-for-fake-audio-capture={Audio}", "--autoplay-policy=no-user-gesture-required"];

    private static (string, string) Make()
    {
        string stem = Path.Combine(Path.GetTempPath(), $"av-sync-{Environment.ProcessId}");
        string period = PeriodSeconds.ToString(CultureInfo.InvariantCulture), flash = FlashSeconds.ToString(CultureInfo.InvariantCulture);
        Run("-f", "lavfi", "-i", $"color=c=0x202020:s={FakeCamera.Width}x{FakeCamera.Height}:r={FakeCamera.FramesPerSecond}:d={period}",
            "-vf", $"drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='lt(t,{flash})',format=yuv420p", stem + ".y4m");
        Run("-f", "lavfi", "-i", $"aevalsrc='if(lt(t,{flash}),0.5*sin(2*PI*1000*t),0)':s=48000:d={period}",
            "-ac", "1", "-c:a", "pcm_s16le", stem + ".wav");
        return (stem + ".y4m", stem + ".wav");
    }

    private static void Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg", ["-loglevel", "error", "-y", .. arguments]) { RedirectStandardError = true };
        using var ffmpeg = Process.Start(start)!;
        var errors = ffmpeg.StandardError.ReadToEnd();
        ffmpeg.WaitForExit();
        if (ffmpeg.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg could not make the A/V sync clip: {errors}");
        }
    }
}
