using System.Diagnostics;

namespace PortraitStream.Server.Tests.Cli;

public sealed class RenderVideoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("render-video-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string File(string name) => Path.Combine(_dir, name);

    private static async Task<string> FfAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool}: {stderr}");
        return (await stdout).Trim();
    }

    private static async Task<string> CountFramesAsync(string video) =>
        await FfAsync("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames,width,height", "-of", "csv=p=0", video);

    [Theory]
    [InlineData("--yaw", "20")]
    [InlineData("--orbit", null)]
    public async Task ShortClip_GivesAVideoWithTheSameFrameCount(string viewOption, string? viewValue)
    {
        // 10 frames of the portrait at 96 px, drifting right so the tracker sees motion.
        await FfAsync("ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", ServerProcess.DataPath("portrait.png"),
            "-vf", "scale=120:120,crop=96:96:t*20:12,format=yuv420p", "-r", "10", "-frames:v", "10", File("in.mp4"));
        string[] view = viewValue is null ? [viewOption] : [viewOption, viewValue];
        var result = await ServerProcess.RunAsync(["render-video", "--in", File("in.mp4"), "--out", File("out.mp4"), .. view,
            "--size", "64"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("10 frames", result.Stdout);
        Assert.Equal("64,64,10", await CountFramesAsync(File("out.mp4")));
    }

    /// <summary>
    /// An NTSC-rate clip with a sound track keeps its exact rational rate (30000/1001), its frame count, and its audio
    /// stream, copied through (same codec, same sample rate).
    /// </summary>
    [Fact]
    public async Task ClipWithAudio_KeepsRateAndSound()
    {
        await FfAsync("ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", ServerProcess.DataPath("portrait.png"),
            "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000", "-vf", "scale=96:96,format=yuv420p", "-r", "30000/1001",
            "-frames:v", "6", "-c:a", "aac", "-shortest", File("in.mp4"));
        var result = await ServerProcess.RunAsync(["render-video", "--in", File("in.mp4"), "--out", File("out.mp4"), "--size", "32"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("32,32,30000/1001,6", await FfAsync("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=width,height,r_frame_rate,nb_read_frames", "-of", "csv=p=0", File("out.mp4")));
        Assert.Equal("aac,48000", await FfAsync("ffprobe", "-v", "error", "-select_streams", "a:0",
            "-show_entries", "stream=codec_name,sample_rate", "-of", "csv=p=0", File("out.mp4")));
    }

    [Fact]
    public async Task NotAVideo_IsOneLineError()
    {
        await System.IO.File.WriteAllTextAsync(File("notes.mp4"), "this is not a video\n");
        var result = await ServerProcess.RunAsync("render-video", "--in", File("notes.mp4"), "--out", File("out.mp4"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no readable video stream", result.Stderr);
    }

    [Fact]
    public async Task MissingInput_IsOneLineError()
    {
        var result = await ServerProcess.RunAsync("render-video", "--in", File("missing.mp4"), "--out", File("out.mp4"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("file not found", result.Stderr);
    }
}
