using PortraitStream.Server.Media.Video;

namespace PortraitStream.Server.Tests.Media.Video;

/// <summary>
/// Stopping an ffmpeg run that has already exited: FFMpegCore's cancellation callback writes "q" to a closed stdin and
/// throws a broken pipe, which a dispose must swallow; any other failure of a callback still surfaces.
/// </summary>
public sealed class FfmpegStopTests
{
    [Fact]
    public async Task BrokenPipe_FromAnExitedFfmpeg_IsNotAnError()
    {
        using var stop = new CancellationTokenSource();
        stop.Token.Register(() => throw new IOException("Broken pipe"));

        await FfmpegStop.RequestAsync(stop);

        Assert.True(stop.IsCancellationRequested);
    }

    [Fact]
    public async Task OtherFailures_StillSurface()
    {
        using var stop = new CancellationTokenSource();
        stop.Token.Register(() => throw new InvalidOperationException("not a pipe"));

        var e = await Assert.ThrowsAsync<AggregateException>(() => FfmpegStop.RequestAsync(stop));
        Assert.IsType<InvalidOperationException>(Assert.Single(e.InnerExceptions));
    }
}
