using System.Net;
using PortraitStream.Server.Hosting;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>The main job: the server binary started with no configuration beyond a free port.</summary>
public sealed class ServerStartupTests
{
    [Fact]
    public async Task Server_Starts_LogsItsChoices_AndAnswers()
    {
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start($"--urls=http://127.0.0.1:{port}");
        var log = ServerProcess.CaptureOutput(server);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.WaitUntilLiveAsync(server, http);
            string text;
            lock (log) { text = log.ToString(); }
            Assert.Contains("ONNX Runtime execution provider: CPU", text);
            Assert.Contains("Vulkan device: ", text);
            Assert.Contains("Auth: anonymous (no Auth:Token or Auth:Jwt:Authority): serving loopback addresses only", text);
            // The product page at /, its modules and the SignalR client it loads.
            var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
            Assert.Contains("/js/app.js", page);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/js/app.js", UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/lib/signalr/signalr.min.js", UriKind.Relative))).StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("--Renderer:Kind=OpenGL", "Failed to convert configuration value 'OpenGL' at 'Renderer:Kind'")]
    [InlineData("--WebRtc:PortMin=abc", "Failed to convert configuration value 'abc' at 'WebRtc:PortMin' to type 'System.Int32'. The input string 'abc'")]
    public async Task UnreadableSetting_StopsStartup_WithOneLineNamingIt(string setting, string expected)
    {
        var output = await RefusedStartAsync($"--urls=http://127.0.0.1:{ServerProcess.FreePort()}", setting);
        Assert.Contains(expected, output.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddressInUse_StopsStartup_WithOneLineNamingIt()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var output = await RefusedStartAsync($"--urls=http://127.0.0.1:{port}");
        Assert.Contains($"Failed to bind to address http://127.0.0.1:{port}: address already in use.", output.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:{0}", null, "configured to listen on http://0.0.0.0:")]
    [InlineData("http://127.0.0.1:{0}", "short-secret", "Auth:Token must be at least 16 characters")]
    [InlineData("http://127.0.0.1:{0}", "secret with spaces inside", "Auth:Token may hold only visible ASCII")]
    public async Task BadAuthSetting_StopsStartup_WithTheReason_NeverTheToken(string url, string? token, string expected)
    {
        var arguments = new List<string> { "--urls=" + string.Format(System.Globalization.CultureInfo.InvariantCulture, url, ServerProcess.FreePort()) };
        if (token is not null)
        {
            arguments.Add("--Auth:Token=" + token);
        }
        var output = await RefusedStartAsync([.. arguments]);
        Assert.Contains(expected, output.Reason, StringComparison.Ordinal);
        if (token is not null)
        {
            Assert.DoesNotContain(token, output.All, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Starts the server with <paramref name="arguments"/> it must refuse: it exits with <see cref="StartupFailure.ExitCode"/>,
    /// not the runtime's abort, its last line on standard error the reason.
    /// </summary>
    private static async Task<(string Reason, string All)> RefusedStartAsync(params string[] arguments)
    {
        using var server = ServerProcess.Start(arguments);
        var stderr = server.StandardError.ReadToEndAsync();
        var stdout = server.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.WaitForExitAsync(timeout.Token);
        var (errors, all) = (await stderr, await stderr + await stdout);
        Assert.True(StartupFailure.ExitCode == server.ExitCode, $"exit code {server.ExitCode}:\n{all}");
        var last = errors.TrimEnd().Split('\n')[^1];
        Assert.StartsWith("PortraitStream: cannot start: ", last, StringComparison.Ordinal);
        return (last, all);
    }

    /// <summary>With a token, every interface may be served; the log names the mode and never the secret.</summary>
    [Fact]
    public async Task TokenServer_OnEveryInterface_LogsTheMode_NotTheToken()
    {
        const string token = "Zq4bW8nE1rT6yU3iO9pA";
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start($"--urls=http://0.0.0.0:{port}", "--Auth:Token=" + token);
        var log = ServerProcess.CaptureOutput(server);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await ServerProcess.WaitUntilLiveAsync(server, http);
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).StatusCode);
            string text;
            lock (log) { text = log.ToString(); }
            Assert.Contains("Auth: clients need the shared bearer token (Auth:Token) on the hub and /metrics", text);
            Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }
}
