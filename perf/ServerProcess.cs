using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PortraitStream.Perf;

/// <summary>
/// The built server (<c>src/StreamServer/bin/Release</c>) as its own process on a free loopback port, as an operator
/// runs it: the soak measures that process's memory, handles, threads and sockets, apart from the browsers and from
/// this harness. Its console log goes to a file; warnings and errors in it are counted.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private int _errorLines;

    private ServerProcess(Process process, StreamWriter log, string address, string logPath)
    {
        _process = process;
        _log = log;
        Address = address;
        LogPath = logPath;
    }

    public string Address { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Lines the server logged at Error or Critical (the console logger's "fail:" and "crit:"), so far.</summary>
    public int ErrorLines => Volatile.Read(ref _errorLines);

    /// <summary>Open sockets (file descriptors that are sockets): UDP ports of live sessions and TCP connections.</summary>
    public int Sockets => Directory.EnumerateFileSystemEntries($"/proc/{Id}/fd")
        .Count(fd => new FileInfo(fd).LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);

    public static async Task<ServerProcess> StartAsync(string logPath, params string[] arguments)
    {
        var dll = Path.Combine(RepositoryRoot(), "src", "StreamServer", "bin", "Release", "net10.0", "PortraitStream.Server.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"build the server first (dotnet build PortraitStream.slnx -c Release): {dll} is missing");
        }

        var address = $"http://127.0.0.1:{FreeTcpPort()}";
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", address, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var server = new ServerProcess(process, new StreamWriter(logPath) { AutoFlush = true }, address, logPath);
        process.OutputDataReceived += (_, e) => server.Log(e.Data);
        process.ErrorDataReceived += (_, e) => server.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitReadyAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _errorLines);
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var client = new HttpClient();
        var deadline = DateTime.UtcNow + StartDeadline;
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await client.GetAsync(Address + "/readyz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException($"the server at {Address} was not ready within {StartDeadline.TotalSeconds} s (log: {LogPath})");
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PortraitStream.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no PortraitStream.slnx above {AppContext.BaseDirectory}");
    }
}
