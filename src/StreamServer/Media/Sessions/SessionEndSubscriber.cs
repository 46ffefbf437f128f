namespace PortraitStream.Server.Media.Sessions;

/// <summary>
/// A hosted service that acts when a session that <paramref name="origin"/> opened ends by itself: it subscribes to
/// <see cref="MediaSessionTable.Ended"/> while the host runs, so the table never knows who listens.
/// </summary>
internal abstract class SessionEndSubscriber(MediaSessionTable sessions, MediaSessionOrigin origin) : IHostedService
{
    /// <summary>The table subscribed to.</summary>
    protected MediaSessionTable Sessions { get; } = sessions;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Sessions.Ended += OnEnded;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Sessions.Ended -= OnEnded;
        return Task.CompletedTask;
    }

    /// <summary>Session <paramref name="ended"/>, of this subscriber's origin, ended by itself.</summary>
    protected abstract void OnSessionEnded(MediaSessionEnded ended);

    private void OnEnded(object? sender, MediaSessionEnded ended)
    {
        if (ended.Origin == origin)
        {
            OnSessionEnded(ended);
        }
    }
}
