namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// Ties a peer's audio capture times to its video capture times by the peer's sender reports: each SR pairs one
/// stream's RTP timestamp with the sender's wallclock, the same wallclock for all its streams (RFC 3550 §6.4.1, the
/// basis of a receiver's lip sync). Least transit alone (<see cref="CaptureClock"/>) places each stream by its own
/// fastest packet, so a sender whose video leaves later after capture than its audio — an encoder's latency, OBS's
/// x264 — has its pictures placed that much later than its sound of the same instant, and the sound would leave that
/// much ahead of the picture. Capture times here are each stream's RTP time in seconds (its own origin). Not thread-safe.
/// </summary>
internal sealed class SenderClockAlignment
{
    // Wallclock minus capture time, in seconds, from each stream's latest SR; null before its first.
    private double? _video, _audio;

    /// <summary>The video's SR: its RTP timestamp, as a capture time, stood for <paramref name="wallclockSeconds"/> on the sender's clock.</summary>
    public void OnVideoReport(TimeSpan captureTime, double wallclockSeconds) => _video = wallclockSeconds - captureTime.TotalSeconds;

    /// <summary>The audio's SR, as <see cref="OnVideoReport"/>.</summary>
    public void OnAudioReport(TimeSpan captureTime, double wallclockSeconds) => _audio = wallclockSeconds - captureTime.TotalSeconds;

    /// <summary>Audio capture time <paramref name="audioCapture"/> on the video's capture clock; null until both streams have reported.</summary>
    public TimeSpan? OnVideoClock(TimeSpan audioCapture) =>
        _video is { } video && _audio is { } audio ? audioCapture + TimeSpan.FromSeconds(audio - video) : null;
}
