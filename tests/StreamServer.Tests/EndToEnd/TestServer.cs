using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PortraitStream.Server.Hosting;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Health;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The server as Program.cs composes it (ServerComposition: AddPortraitStream, MapPortraitStream) on a real
/// Kestrel port, so a real browser can reach it; command-line style arguments pick the mode and options. In pipeline
/// mode it is returned once the start-up warm-up has finished.
/// </summary>
internal sealed class TestServer : IAsyncDisposable
{
    private static readonly TimeSpan WarmupDeadline = TimeSpan.FromMinutes(3);

    private readonly WebApplication _app;

    private TestServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public MediaSessionTable Sessions => _app.Services.GetRequiredService<MediaSessionTable>();

    public IServiceProvider Services => _app.Services;

    /// <summary>Echo mode: the media edge alone.</summary>
    public static Task<TestServer> StartEchoAsync() => StartAsync("--Mode", "echo");

    public static Task<TestServer> StartAsync(params string[] arguments) => StartAsync("http://127.0.0.1:0", null, arguments);

    /// <param name="url">Where Kestrel listens (port 0: a free one).</param>
    /// <param name="configure">Applied after the defaults, before the server's own composition (extra log providers).</param>
    /// <param name="arguments">Command-line style configuration.</param>
    public static async Task<TestServer> StartAsync(string url, Action<WebApplicationBuilder>? configure, params string[] arguments)
    {
        var builder = WebApplication.CreateBuilder(arguments);
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        configure?.Invoke(builder);
        builder.AddPortraitStream();
        var app = builder.Build();
        app.MapPortraitStream();
        await app.StartAsync();
        // As a load balancer waits for /readyz, tests start their sessions once the pipeline has warmed up (pipeline mode
        // only): the warm-up's renderer and codecs are gone by then, so handle counts taken afterwards are the server's.
        if (app.Services.GetService<PipelineWarmup>() is { } warmup)
        {
            var started = DateTime.UtcNow;
            while (warmup.Took is null)
            {
                if (DateTime.UtcNow - started > WarmupDeadline)
                {
                    throw new TimeoutException($"the pipeline did not warm up within {WarmupDeadline}");
                }

                await Task.Delay(50);
            }
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await Sessions.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
