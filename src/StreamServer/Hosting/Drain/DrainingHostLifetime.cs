using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Hosting.Drain;

/// <summary>
/// The host's lifetime in place of ConsoleLifetime, whose SIGTERM stops the application at once: stopping fires
/// ApplicationStopping, on which SignalR closes every hub connection and Kestrel stops listening, so every session
/// would end mid-call. Here SIGTERM (what Kubernetes and <c>docker stop</c> send) drains first: <see cref="ServerDrain"/>
/// turns readiness 503 and refuses new offers, and only once the last session has ended, or
/// <see cref="DrainOptions.DrainTimeout"/> has passed, does the application stop (then ASP.NET Core's own shutdown,
/// HostOptions.ShutdownTimeout, runs as before). SIGINT and SIGQUIT — a person at a terminal — and a second SIGTERM
/// stop at once, as ConsoleLifetime would.
/// </summary>
internal sealed class DrainingHostLifetime(IHostApplicationLifetime application, ServerDrain drain, IServiceProvider services,
    IOptions<DrainOptions> options, TimeProvider time, ILogger<DrainingHostLifetime> logger) : IHostLifetime, IDisposable
{
    /// <summary>
    /// How often the open sessions are counted while draining. They end on many paths (the browser leaves, ICE
    /// consent lapses, the hub connection drops), so counting is simpler than hooking each; half a second is nothing
    /// against a drain measured in minutes.
    /// </summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly List<PosixSignalRegistration> _signals = [];

    public Task WaitForStartAsync(CancellationToken cancellationToken)
    {
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnTerminate));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGINT, StopNow));
        _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGQUIT, StopNow));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }
        _signals.Clear();
    }

    private void OnTerminate(PosixSignalContext context)
    {
        // The runtime's default for SIGTERM is to end the process; the application decides when instead.
        context.Cancel = true;
        if (!drain.Begin())
        {
            StopNow(context);
            return;
        }

        _ = DrainThenStopAsync();
    }

    private void StopNow(PosixSignalContext context)
    {
        context.Cancel = true;
        DrainLog.StoppingNow(logger, context.Signal);
        application.StopApplication();
    }

    private async Task DrainThenStopAsync()
    {
        try
        {
            await WaitForSessionsAsync(application.ApplicationStopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped meanwhile (a second signal, or the host itself).
        }
        finally
        {
            // However the wait ended — the last session, the timeout, even a fault — SIGTERM ends in a stop.
            application.StopApplication();
        }
    }

    private async Task WaitForSessionsAsync(CancellationToken stopping)
    {
        // Resolved only now: the session manager makes the DTLS certificate and the media handler, which nothing
        // should build before the host has started.
        var sessions = services.GetRequiredService<MediaSessionTable>();
        var timeout = options.Value.DrainTimeout;
        DrainLog.Draining(logger, sessions.Count, timeout);
        var started = time.GetTimestamp();
        using var poll = new PeriodicTimer(PollInterval, time);
        while (sessions.Unreleased > 0 && time.GetElapsedTime(started) < timeout)
        {
            await poll.WaitForNextTickAsync(stopping).ConfigureAwait(false);
        }

        if (sessions.Unreleased == 0)
        {
            // The last session usually ends inside a client's own call (the hub's Close), whose reply is written only
            // after the session's release: one more poll lets that reply, and the close frames that follow,
            // reach the client before the stop tears its connection down.
            await Task.Delay(PollInterval, time, stopping).ConfigureAwait(false);
            DrainLog.Drained(logger);
        }
        else
        {
            DrainLog.DrainTimedOut(logger, timeout, sessions.Count);
        }
    }
}
