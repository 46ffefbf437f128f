using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// Kestrel with one step before the host sees each request: <see cref="AccessTokenQuery"/> takes the
/// <c>access_token</c> out of the query. The host logs "Request starting … ?…" before any middleware runs, so a
/// middleware would be too late; here the secret never reaches request logs, HTTP logging or diagnostics listeners.
/// </summary>
internal sealed class AccessTokenStrippingServer(IServer inner) : IServer
{
    public IFeatureCollection Features => inner.Features;

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        inner.StartAsync(new StrippingApplication<TContext>(application), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    /// <summary>Replaces the registered server (Kestrel) with itself wrapped in this one.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IServer))
            ?? throw new InvalidOperationException("No IServer is registered to strip access tokens in front of.");
        var type = registered.ImplementationType
            ?? throw new InvalidOperationException($"The IServer registration ({registered}) is not a type this can wrap.");
        services.Remove(registered);
        services.AddSingleton(type);
        services.AddSingleton<IServer>(sp => new AccessTokenStrippingServer((IServer)sp.GetRequiredService(type)));
    }

    private sealed class StrippingApplication<TContext>(IHttpApplication<TContext> inner) : IHttpApplication<TContext> where TContext : notnull
    {
        public TContext CreateContext(IFeatureCollection contextFeatures)
        {
            AccessTokenQuery.MoveToFeature(contextFeatures);
            return inner.CreateContext(contextFeatures);
        }

        public Task ProcessRequestAsync(TContext context) => inner.ProcessRequestAsync(context);

        public void DisposeContext(TContext context, Exception? exception) => inner.DisposeContext(context, exception);
    }
}
