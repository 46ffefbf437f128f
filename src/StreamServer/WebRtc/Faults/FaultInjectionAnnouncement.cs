using Microsoft.Extensions.Options;

namespace PortraitStream.Server.WebRtc.Faults;

/// <summary>
/// Warns once at start-up when test-only fault injection is on, so a server that drops packets on purpose can never
/// be mistaken for one with a bad network. Silent when it is off.
/// </summary>
internal sealed partial class FaultInjectionAnnouncement(IOptions<WebRtcOptions> options, ILogger<FaultInjectionAnnouncement> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var faults = options.Value.FaultInjection;
        if (faults.Enabled)
        {
            Enabled(logger, faults.LossPercent, faults.ReorderPercent, faults.DuplicatePercent, faults.Seed);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(5300, LogLevel.Warning, "TEST ONLY: WebRtc:FaultInjection is ON — every session drops {Loss} %, reorders {Reorder} % and "
        + "duplicates {Duplicate} % of its datagrams both ways (seed {Seed}). Never run a production server like this.")]
    private static partial void Enabled(ILogger logger, double loss, double reorder, double duplicate, int seed);
}
