using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The server as Program.cs composes it (AddWebRtc/MapWebRtc, Mode=echo) on a real Kestrel port, so a
/// real browser can reach it.
/// </summary>
internal sealed class EchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EchoServer(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    public PeerConnectionManager Sessions => _app.Services.GetRequiredService<PeerConnectionManager>();

    public static async Task<EchoServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(["--Mode", "echo"]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddWebRtc(builder.Configuration);
        var app = builder.Build();
        app.MapWebRtc();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new EchoServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await Sessions.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
