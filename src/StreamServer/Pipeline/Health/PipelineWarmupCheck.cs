using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortraitStream.Server.WebRtc.Warmup;

namespace PortraitStream.Server.Pipeline.Health;

/// <summary>
/// Ready once <see cref="PipelineWarmup"/> has run the media edge and the pipeline once, so the first session does not pay their start-up; a
/// failed warm-up only costs time, so it is ready then too, saying so.
/// </summary>
internal sealed class PipelineWarmupCheck(PipelineWarmup warmup) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmup.Took switch
        {
            null => HealthCheckResult.Unhealthy("warming up the pipeline"),
            _ when warmup.Failed => HealthCheckResult.Healthy("the pipeline's warm-up failed (see the log); the first session starts cold"),
            { } took => HealthCheckResult.Healthy(string.Create(CultureInfo.InvariantCulture,
                $"pipeline warmed up in {took.TotalMilliseconds:F0} ms{Describe(warmup.Transport)}")),
        });

    private static string Describe(TransportWarmupResult? transport) => transport is null ? "" : string.Create(CultureInfo.InvariantCulture,
        $", the media edge in {transport.Took.TotalMilliseconds:F0} ms of it ({transport.OffersAnswered} offers answered, {transport.Handshakes} DTLS handshakes, {transport.KeyFrames} key frames and {transport.OpusPackets} Opus packets over SRTP, in memory)");
}
