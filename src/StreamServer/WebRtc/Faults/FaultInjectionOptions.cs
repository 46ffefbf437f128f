namespace PortraitStream.Server.WebRtc.Faults;

/// <summary>
/// TEST ONLY: packet loss, reordering and duplication injected on every peer connection's UDP socket, both ways, for
/// the fault run (perf: <c>fault</c>) and the loss tests. Bound from "WebRtc:FaultInjection"; nothing happens unless
/// <see cref="Enabled"/> is set, so a production config that sets a rate by mistake still injects nothing, and there is
/// no endpoint that changes it: only the server's own configuration (file, environment, command line) can. When on, the
/// server says so at start-up as a warning.
/// </summary>
internal sealed class FaultInjectionOptions
{
    /// <summary>The switch: false (the default) leaves the sockets untouched, whatever the rates say.</summary>
    public bool Enabled { get; set; }

    /// <summary>Share of datagrams dropped, in percent.</summary>
    public double LossPercent { get; set; }

    /// <summary>Share of datagrams held back and delivered after the next one, in percent.</summary>
    public double ReorderPercent { get; set; }

    /// <summary>Share of datagrams delivered twice, in percent.</summary>
    public double DuplicatePercent { get; set; }

    /// <summary>Seed of the receive path's generator (the send path's is this plus one): a run repeats exactly.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>True when every rate lies within 0–100 % (checked at start-up: data annotations do not reach nested options).</summary>
    public bool HasValidRates => IsPercent(LossPercent) && IsPercent(ReorderPercent) && IsPercent(DuplicatePercent);

    private static bool IsPercent(double value) => value is >= 0 and <= 100;
}
