namespace PortraitStream.Server.Media.Video;

/// <summary>
/// Stops an ffmpeg run FFMpegCore follows through <c>CancellableThrough</c>. Its cancellation callback asks ffmpeg to
/// quit on stdin, which throws (broken pipe, wrapped in the token source's <see cref="AggregateException"/>) when ffmpeg
/// has just exited on its own: at the end of a clip, a reader disposed a moment after its last frame. Then there is
/// nothing left to stop, and a dispose must not throw for it (it took down a run of the glass-to-glass harness).
/// </summary>
internal static class FfmpegStop
{
    public static async Task RequestAsync(CancellationTokenSource stop)
    {
        try
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is IOException))
        {
            // ffmpeg's stdin was already closed: it has exited.
        }
    }
}
