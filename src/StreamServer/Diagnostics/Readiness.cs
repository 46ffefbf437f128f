namespace PortraitStream.Server.Diagnostics;

/// <summary>
/// The health-check tag that puts a check behind <c>/readyz</c>. Each layer registers the checks for what it owns
/// (WebRtc: a free UDP port, a free session slot; Pipeline: the default model; Hosting: the renderer); <c>/healthz</c>
/// runs none of them, because a process that is alive but not ready must not be restarted.
/// </summary>
internal static class Readiness
{
    public const string Tag = "ready";
}
