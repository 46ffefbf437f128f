namespace PortraitStream.Server.Tests.WebRtc;

/// <summary>A clock that moves only when a test says so (timestamps in ticks of one microsecond).</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private long _microseconds = 1_000_000;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => _microseconds;

    public override DateTimeOffset GetUtcNow() =>
        new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(_microseconds * 10);

    public void Advance(TimeSpan by) => _microseconds += (long)(by.TotalMilliseconds * 1000);
}
