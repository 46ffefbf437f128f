using System.Net;
using System.Net.Sockets;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>
/// <c>/healthz</c> and <c>/readyz</c> on the real server: liveness answers whenever the process serves; readiness
/// follows the state — every check named on its own line, 503 with the failing check's reason when the session slots
/// are all taken or the UDP range is held by someone else, 200 again once the slot is free.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class HealthEndpointTests
{
    private static string Offer => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));

    [Fact]
    public async Task Liveness_Is200_ReadinessTurns200_OnceThePipelineIsWarm_NamingEveryCheck()
    {
        await using var server = await TestServer.StartAsync(PortraitEndToEndTests.ServerArguments);
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };

        using var live = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());

        // The default model loads and the pipeline warms up in the background as the server starts; TestServer returns
        // once that is done (PipelineWarmupTests sees the check unhealthy before), so readiness is whole now.
        var (status, body) = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("Healthy\n", body, StringComparison.Ordinal);
        foreach (var check in new[] { "model", "renderer", "sessions", "udp-port", "warm-up" })
        {
            Assert.Contains($"\n{check}: Healthy — ", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Readiness_AtTheSessionLimit_Is503_AndReturnsWhenTheSessionCloses()
    {
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--WebRtc:MaxSessions=1");
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(http)).Status);

        await server.Sessions.OpenAsync("c1", "ip:127.0.0.1", Offer);
        var (full, body) = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full);
        Assert.StartsWith("Unhealthy\n", body, StringComparison.Ordinal);
        Assert.Contains("sessions: Unhealthy — 1 of 1 session slots held", body, StringComparison.Ordinal);
        // Liveness is not readiness: a full server is alive and must not be restarted.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        await server.Sessions.CloseAsync("c1");
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(http)).Status);
    }

    [Fact]
    public async Task Readiness_WithTheUdpRangeTaken_Is503_NamingTheRange()
    {
        // The whole range (one port) held by another socket, as another process would hold it.
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Any, 0));
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port;
        await using var server = await TestServer.StartAsync("--Mode", "echo", $"--WebRtc:PortMin={port}", $"--WebRtc:PortMax={port}");
        using var http = new HttpClient { BaseAddress = new Uri(server.Address) };

        var (status, body) = await ReadyAsync(http);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains($"udp-port: Unhealthy — no UDP port free in {port}–{port}", body, StringComparison.Ordinal);

        holder.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync(http)).Status);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadyAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
