using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>The server binary as its own process (PortraitStream.Server.dll beside the tests), for what only a real process shows: start-up, exit, signals.</summary>
internal static class ServerProcess
{
    public static Process Start(params string[] arguments)
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

    /// <summary>The server's standard output and error, collected as it runs.</summary>
    public static StringBuilder CaptureOutput(Process server)
    {
        var log = new StringBuilder();
        DataReceivedEventHandler append = (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        server.OutputDataReceived += append;
        server.ErrorDataReceived += append;
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return log;
    }

    /// <summary>Polls /healthz until it answers 200 (60 s at most).</summary>
    public static async Task WaitUntilLiveAsync(Process server, HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        HttpResponseMessage? response = null;
        while (response is null && DateTime.UtcNow < deadline && !server.HasExited)
        {
            try { response = await http.GetAsync(new Uri("/healthz", UriKind.Relative)); }
            catch (HttpRequestException) { await Task.Delay(250); }
        }
        Assert.NotNull(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
