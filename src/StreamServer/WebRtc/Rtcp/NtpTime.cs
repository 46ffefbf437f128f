namespace PortraitStream.Server.WebRtc.Rtcp;

/// <summary>
/// NTP timestamps as RTCP carries them (RFC 3550 §4): 64-bit fixed point seconds since 1900, and the
/// "compact" middle 32 bits (16.16) used by LSR/DLSR and the round-trip time (§6.4.1).
/// </summary>
internal static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>64-bit NTP timestamp of <paramref name="time"/>.</summary>
    public static ulong FromDateTime(DateTimeOffset time)
    {
        var since = time - Epoch;
        ulong seconds = (ulong)since.Ticks / TimeSpan.TicksPerSecond;
        ulong fractionTicks = (ulong)since.Ticks % TimeSpan.TicksPerSecond;
        return (seconds << 32) | ((fractionTicks << 32) / TimeSpan.TicksPerSecond);
    }

    /// <summary>A 64-bit NTP timestamp as seconds since 1900 (to well under a microsecond).</summary>
    public static double ToSeconds(ulong ntp) => (ntp >> 32) + ((uint)ntp / 4294967296.0);

    /// <summary>The middle 32 bits of a 64-bit NTP timestamp.</summary>
    public static uint Compact(ulong ntp) => (uint)(ntp >> 16);

    /// <summary>A compact (16.16 seconds) duration as a <see cref="TimeSpan"/>.</summary>
    public static TimeSpan CompactToTimeSpan(uint compact) =>
        TimeSpan.FromTicks((long)((ulong)compact * TimeSpan.TicksPerSecond >> 16));

    /// <summary>A duration as compact 16.16 seconds (DLSR).</summary>
    public static uint TimeSpanToCompact(TimeSpan span) =>
        (uint)(((ulong)span.Ticks << 16) / TimeSpan.TicksPerSecond);

    /// <summary>
    /// Round-trip time from a report block (RFC 3550 §6.4.1, figure 2): A − LSR − DLSR, where A is the
    /// compact arrival time. Null when the block has no LSR yet or the result is negative (clock noise).
    /// </summary>
    public static TimeSpan? RoundTrip(uint arrivalCompact, uint lastSenderReport, uint delaySinceLastSenderReport)
    {
        if (lastSenderReport == 0)
        {
            return null;
        }

        uint rtt = arrivalCompact - lastSenderReport - delaySinceLastSenderReport;
        // Unsigned wrap means the sum exceeded the arrival time: not a meaningful sample.
        return rtt > int.MaxValue ? null : CompactToTimeSpan(rtt);
    }
}
