using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>The main job: the server binary started with no configuration beyond a free port.</summary>
public sealed class ServerStartupTests
{
    [Fact]
    public async Task Server_Starts_LogsItsChoices_AndAnswers()
    {
        var port = FreePort();
        using var server = Start($"--urls=http://127.0.0.1:{port}");
        var log = new StringBuilder();
        server.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            HttpResponseMessage? response = null;
            while (response is null && DateTime.UtcNow < deadline && !server.HasExited)
            {
                try { response = await http.GetAsync(new Uri("/healthz", UriKind.Relative)); }
                catch (HttpRequestException) { await Task.Delay(250); }
            }
            Assert.NotNull(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string text;
            lock (log) { text = log.ToString(); }
            Assert.Contains("ONNX Runtime execution provider: CPU", text);
            Assert.Contains("Vulkan device: ", text);
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

    [Fact]
    public async Task BadRendererOption_StopsStartup_WithTheReason()
    {
        using var server = Start($"--urls=http://127.0.0.1:{FreePort()}", "--Renderer:Kind=OpenGL");
        var stderr = server.StandardError.ReadToEndAsync();
        var stdout = server.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await server.WaitForExitAsync(timeout.Token);
        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains("Renderer:Kind", await stderr + await stdout);
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "PortraitStream.Server.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return Process.Start(start)!;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
