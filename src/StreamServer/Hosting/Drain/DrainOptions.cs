using System.ComponentModel.DataAnnotations;

namespace PortraitStream.Server.Hosting.Drain;

/// <summary>How long a SIGTERM leaves the sessions already running (configuration section "Hosting").</summary>
internal sealed class DrainOptions
{
    public const string Section = "Hosting";

    /// <summary>
    /// After SIGTERM the server stops taking sessions (readiness 503) and waits until the last session has ended, or
    /// this long at most, before it shuts down. Default five minutes: a call in progress is worth finishing, and an
    /// orchestrator's grace period (Kubernetes' terminationGracePeriodSeconds, <c>docker stop -t</c>) must exceed it,
    /// or its SIGKILL ends them anyway. Zero stops at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Hosting:DrainTimeout must be between 0 and 1 day.")]
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
