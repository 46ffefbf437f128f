using System.Diagnostics;
using System.Net;
using PortraitStream.Server.Tests.Signalling;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>
/// SIGTERM drains a real server process (what Kubernetes and <c>docker stop</c> send before they stop a pod): readiness
/// turns 503 at once and new offers are refused, while the session already open goes on — its hub connection serves
/// and it still counts — until it ends, and only then does the process exit, 0; with the session never ending, the
/// process exits once Hosting:DrainTimeout has passed.
/// </summary>
public sealed class DrainOnSigtermTests
{
    private static string Offer => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "chromium-offer.sdp"));

    [Fact]
    public async Task Sigterm_Turns503_RefusesNewSessions_KeepsTheOpenOne_AndExitsOnceItEnds()
    {
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start($"--urls=http://127.0.0.1:{port}", "--Mode=echo", "--Hosting:DrainTimeout=00:02:00");
        var log = ServerProcess.CaptureOutput(server);
        try
        {
            var address = $"http://127.0.0.1:{port}";
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            await ServerProcess.WaitUntilLiveAsync(server, http);
            Assert.Equal(HttpStatusCode.OK, (await WaitForReadinessAsync(http, HttpStatusCode.OK)).Status);
            await using var owner = await RawHubClient.ConnectAsync(address);
            Assert.StartsWith("v=0", (await owner.ResultAsync("Offer", Offer)).GetString(), StringComparison.Ordinal);

            Terminate(server);
            var (status, body) = await WaitForReadinessAsync(http, HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("sessions: Unhealthy — The server is shutting down and takes no new sessions", body, StringComparison.Ordinal);
            // Liveness stays 200: a draining server must not be restarted.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

            // Past several drain polls the server still runs, the session still counts and its connection still serves.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.False(server.HasExited);
            Assert.Equal(1, await OpenSessionsAsync(http));
            Assert.Null(await owner.InvokeAsync("Pause"));

            await using (var newcomer = await RawHubClient.ConnectAsync(address))
            {
                Assert.Contains("The server is shutting down", await newcomer.InvokeAsync("Offer", Offer), StringComparison.Ordinal);
            }

            Assert.Null(await owner.InvokeAsync("Close"));
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await server.WaitForExitAsync(exit.Token);
            Assert.Equal(0, server.ExitCode);
            string text;
            lock (log) { text = log.ToString(); }
            Assert.Contains("SIGTERM: draining — readiness 503, no new sessions; waiting for 1 open sessions to end", text, StringComparison.Ordinal);
            Assert.Contains("Drained: no session open; shutting down", text, StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public async Task Sigterm_WithASessionThatStaysOpen_ExitsAfterTheDrainTimeout()
    {
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start($"--urls=http://127.0.0.1:{port}", "--Mode=echo", "--Hosting:DrainTimeout=00:00:02");
        var log = ServerProcess.CaptureOutput(server);
        try
        {
            var address = $"http://127.0.0.1:{port}";
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            await ServerProcess.WaitUntilLiveAsync(server, http);
            await using var owner = await RawHubClient.ConnectAsync(address);
            Assert.StartsWith("v=0", (await owner.ResultAsync("Offer", Offer)).GetString(), StringComparison.Ordinal);

            var signalled = Stopwatch.StartNew();
            Terminate(server);
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await server.WaitForExitAsync(exit.Token);
            Assert.Equal(0, server.ExitCode);
            // The session's ICE consent would end it only 30 s after the offer: the timeout, not the session, ended the drain.
            Assert.InRange(signalled.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(28));
            string text;
            lock (log) { text = log.ToString(); }
            Assert.Contains("Drain timeout (Hosting:DrainTimeout 00:00:02) reached with 1 sessions open; shutting down", text, StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>SIGTERM, as an orchestrator sends it (System.Diagnostics.Process can only SIGKILL).</summary>
    private static void Terminate(Process server)
    {
        using var kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>Polls /readyz until it answers <paramref name="wanted"/> (60 s at most: the default model may still load); the last answer.</summary>
    private static async Task<(HttpStatusCode Status, string Body)> WaitForReadinessAsync(HttpClient http, HttpStatusCode wanted)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == wanted || DateTime.UtcNow > deadline)
            {
                return (response.StatusCode, body);
            }
            await Task.Delay(100);
        }
    }

    private static async Task<double> OpenSessionsAsync(HttpClient http) =>
        PrometheusText.Parse(await http.GetStringAsync(new Uri("/metrics", UriKind.Relative))).Value("portraitstream_sessions", ("kind", "browser"));
}
