using System.Diagnostics;
using System.Net;
using System.Text;
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
        await using var server = await ServerWithOneSession.StartAsync("00:02:00");
        var http = server.Http;
        Assert.Equal(HttpStatusCode.OK, (await WaitForReadinessAsync(http, HttpStatusCode.OK)).Status);

        server.Terminate();
        var (status, body) = await WaitForReadinessAsync(http, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("sessions: Unhealthy — The server is shutting down and takes no new sessions", body, StringComparison.Ordinal);
        // Liveness stays 200: a draining server must not be restarted.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);

        // Past several drain polls the server still runs, the session still counts and its connection still serves.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(server.Process.HasExited);
        Assert.Equal(1, await OpenSessionsAsync(http));
        Assert.Null(await server.Owner.InvokeAsync("Pause"));

        await using (var newcomer = await RawHubClient.ConnectAsync(server.Address))
        {
            Assert.Contains("The server is shutting down", await newcomer.InvokeAsync("Offer", Offer), StringComparison.Ordinal);
        }

        Assert.Null(await server.Owner.InvokeAsync("Close"));
        await server.WaitForExitAsync();
        Assert.Equal(0, server.Process.ExitCode);
        var log = server.Log();
        Assert.Contains("SIGTERM: draining — readiness 503, no new sessions; waiting for 1 open sessions to end", log, StringComparison.Ordinal);
        Assert.Contains("Drained: no session open; shutting down", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sigterm_WithASessionThatStaysOpen_ExitsAfterTheDrainTimeout()
    {
        await using var server = await ServerWithOneSession.StartAsync("00:00:02");

        var signalled = Stopwatch.StartNew();
        server.Terminate();
        await server.WaitForExitAsync();
        Assert.Equal(0, server.Process.ExitCode);
        // The session's ICE consent would end it only 30 s after the offer: the timeout, not the session, ended the drain.
        Assert.InRange(signalled.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(28));
        Assert.Contains("Drain timeout (Hosting:DrainTimeout 00:00:02) reached with 1 sessions open; shutting down", server.Log(),
            StringComparison.Ordinal);
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

    /// <summary>
    /// The server process in echo mode (no model to wait for) with one session open: a hub connection that sent a
    /// Chromium offer. ICE never starts, so the session lives 30 s (ICE consent) unless closed sooner.
    /// </summary>
    private sealed class ServerWithOneSession : IAsyncDisposable
    {
        private readonly StringBuilder _log;

        private ServerWithOneSession(Process process, StringBuilder log, string address)
        {
            Process = process;
            _log = log;
            Address = address;
            Http = new HttpClient { BaseAddress = new Uri(address) };
        }

        public Process Process { get; }

        public string Address { get; }

        public HttpClient Http { get; }

        public RawHubClient Owner { get; private set; } = null!;

        public static async Task<ServerWithOneSession> StartAsync(string drainTimeout)
        {
            var port = ServerProcess.FreePort();
            var process = ServerProcess.Start($"--urls=http://127.0.0.1:{port}", "--Mode=echo", "--Hosting:DrainTimeout=" + drainTimeout);
            var server = new ServerWithOneSession(process, ServerProcess.CaptureOutput(process), $"http://127.0.0.1:{port}");
            try
            {
                await ServerProcess.WaitUntilLiveAsync(process, server.Http);
                server.Owner = await RawHubClient.ConnectAsync(server.Address);
                Assert.StartsWith("v=0", (await server.Owner.ResultAsync("Offer", Offer)).GetString(), StringComparison.Ordinal);
                return server;
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }

        /// <summary>SIGTERM, as an orchestrator sends it (System.Diagnostics.Process can only SIGKILL).</summary>
        public void Terminate()
        {
            Assert.True(ProcessSignal.Send(Process, "TERM"));
        }

        public async Task WaitForExitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await Process.WaitForExitAsync(timeout.Token);
        }

        public string Log()
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Owner is not null)
            {
                await Owner.DisposeAsync();
            }
            Http.Dispose();
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }
            Process.Dispose();
        }
    }
}
