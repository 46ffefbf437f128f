using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// Keeps <see cref="SessionRegistry"/> in step with <see cref="MediaSessionTable"/> while the host runs: a record for
/// each session the table opens, removed when it ends. Apart from the registry because the table runs the pipeline
/// handler, which needs the registry: the registry itself must not need the table.
/// </summary>
internal sealed class SessionRegistryFeed(MediaSessionTable sessions, SessionRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        sessions.Opened += OnOpened;
        sessions.Ended += OnEnded;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        sessions.Opened -= OnOpened;
        sessions.Ended -= OnEnded;
        return Task.CompletedTask;
    }

    private void OnOpened(object? sender, IMediaSession session) => registry.Open(session);

    private void OnEnded(object? sender, MediaSessionEnded ended) => registry.End(ended);
}
