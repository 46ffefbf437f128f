using System.Globalization;
using System.Text;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd;
using static PortraitStream.Perf.LoadRun;

namespace PortraitStream.Perf;

/// <summary>
/// Issue #16's soak: the built server as its own process, N headless Chromium sessions on the product page (each its
/// own browser, the fake camera playing the committed portrait swaying, <see cref="FakeCamera.SwayingPortrait"/>),
/// and once per interval (a minute by default) the server process's resident memory, managed heap, handles, threads
/// and sockets, the frames in and out, server frame latency p50/p95, errors, and which sessions still present new
/// frames. Ends with <see cref="SoakVerdict"/>. Never in CI: it runs for as long as it is asked to.
/// <c>dotnet run -c Release --project perf -- soak [--sessions 4] [--minutes 30] [--size 256] [--interval 60] [--warm-up 3] [--admit-fps 3] [--out FILE]</c>.
/// </summary>
internal static class Soak
{
    private static readonly TimeSpan FirstFrameDeadline = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan ArrivalGap = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string[] args)
    {
        var sessions = IntOption(args, "--sessions", 4);
        var minutes = IntOption(args, "--minutes", 30);
        var size = IntOption(args, "--size", 256);
        var interval = TimeSpan.FromSeconds(IntOption(args, "--interval", 60));
        var warmUp = IntOption(args, "--warm-up", 3);
        // The render scheduler's admission floor (Pipeline:AdmitFps, default 3): on a small machine that also runs the
        // browsers it refuses the later sessions, which a soak of N sessions must have.
        var admitFps = IntOption(args, "--admit-fps", 3);
        var output = StringOption(args, "--out");
        var started = DateTime.UtcNow;
        var loadAtStart = LoadAverage();

        var logPath = Path.Combine(Path.GetTempPath(), $"soak-server-{Environment.ProcessId}.log");
        await using var server = await ServerProcess.StartAsync(logPath, "--Pipeline:DefaultSize", size.ToString(CultureInfo.InvariantCulture),
            "--Pipeline:AdmitFps", admitFps.ToString(CultureInfo.InvariantCulture));
        var browsers = new List<TestBrowser>();
        try
        {
            for (var i = 0; i < sessions; i++)
            {
                var browser = await TestBrowser.OpenAsync(server.Address + "/", FakeCamera.SwayingPortrait);
                browsers.Add(browser);
                await browser.Page.EvaluateAsync("window.portrait.start()");
                await browser.Page.WaitForFunctionAsync("window.portrait.frames > 0", null,
                    new() { Timeout = (float)FirstFrameDeadline.TotalMilliseconds, PollingInterval = 500 });
                // People arrive one after another: the render scheduler admits the next session on the measured cost of
                // those running, which their first (cold) frames overstate.
                await Task.Delay(ArrivalGap);
            }

            Console.WriteLine($"soak: {sessions} sessions at {size}² live (admission floor {admitFps} fps) for {minutes} × {interval.TotalSeconds} s; server {server.Address} (pid {server.Id}, log {logPath}); load average {loadAtStart}");
            var rows = await MeasureAsync(server, browsers, minutes, interval);
            var verdict = SoakVerdict.Judge(rows, sessions, warmUp);
            var report = Report(rows, verdict, sessions, size, interval, warmUp, started, loadAtStart) + $"Server started with Pipeline:AdmitFps {admitFps}.\n";
            Console.WriteLine(report);
            if (output is not null)
            {
                await File.WriteAllTextAsync(output, report);
            }

            return verdict.Held ? 0 : 1;
        }
        finally
        {
            foreach (var browser in browsers)
            {
                await browser.DisposeAsync();
            }
        }
    }

    private static async Task<List<SoakMinute>> MeasureAsync(ServerProcess server, IReadOnlyList<TestBrowser> browsers, int minutes, TimeSpan interval)
    {
        using var client = new HttpClient();
        var rows = new List<SoakMinute>();
        var before = await PrometheusScrape.ReadAsync(client, server.Address);
        var framesBefore = await PresentedFramesAsync(browsers);
        var errorLinesBefore = server.ErrorLines;
        for (var minute = 1; minute <= minutes; minute++)
        {
            await Task.Delay(interval);
            if (server.HasExited)
            {
                throw new InvalidOperationException($"the server exited during interval {minute} (log: {server.LogPath})");
            }

            var now = await PrometheusScrape.ReadAsync(client, server.Address);
            var frames = await PresentedFramesAsync(browsers);
            var alive = await AliveAsync(browsers, framesBefore, frames);
            double Rate(string counter) => (now.Sum(counter) - before.Sum(counter)) / interval.TotalSeconds;
            var errorLines = server.ErrorLines;
            var row = new SoakMinute(
                minute,
                now.Sum("process_working_set_bytes") / (1 << 20),
                now.Sum("dotnet_total_memory_bytes") / (1 << 20),
                now.Sum("process_open_handles"),
                now.Sum("process_num_threads"),
                server.Sockets,
                Rate("portraitstream_frames_received"),
                Rate("portraitstream_frames_sent"),
                frames.Zip(framesBefore, (after, was) => (after - was) / interval.TotalSeconds).Min(),
                now.QuantileSince(before, "portraitstream_frame_latency_seconds", 0.5) * 1000,
                now.QuantileSince(before, "portraitstream_frame_latency_seconds", 0.95) * 1000,
                now.Sum("portraitstream_frames_failed") - before.Sum("portraitstream_frames_failed")
                    + now.Sum("portraitstream_packet_errors") - before.Sum("portraitstream_packet_errors")
                    + errorLines - errorLinesBefore,
                alive,
                double.Parse(LoadAverage().Split(' ')[0], CultureInfo.InvariantCulture));
            rows.Add(row);
            Console.WriteLine(Line(row));
            (before, framesBefore, errorLinesBefore) = (now, frames, errorLines);
        }

        return rows;
    }

    private static async Task<int[]> PresentedFramesAsync(IEnumerable<TestBrowser> browsers) =>
        await Task.WhenAll(browsers.Select(b => b.Page.EvaluateAsync<int>("window.portrait.frames")));

    // Alive: still connected, no error shown, and new frames presented during the interval.
    private static async Task<int> AliveAsync(IReadOnlyList<TestBrowser> browsers, int[] framesBefore, int[] frames)
    {
        var alive = 0;
        for (var i = 0; i < browsers.Count; i++)
        {
            var state = await browsers[i].Page.EvaluateAsync<JsonElement>("({ connection: window.portrait.connection, error: window.portrait.error })");
            if (state.GetProperty("connection").GetString() == "connected" && state.GetProperty("error").ValueKind == JsonValueKind.Null && frames[i] > framesBefore[i])
            {
                alive++;
            }
            else
            {
                Console.WriteLine($"session {i + 1}: {state}, frames {framesBefore[i]} → {frames[i]}");
            }
        }

        return alive;
    }

    private const string Header =
        "| interval | RSS MB | managed heap MB | handles | threads | sockets | fps in (all) | fps out (all) | slowest session presented fps | latency p50 ms | p95 ms | errors | sessions alive | load (1 min) |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";

    private static string Line(SoakMinute m) => string.Create(CultureInfo.InvariantCulture,
        $"| {m.Minute} | {m.RssMb:F0} | {m.GcHeapMb:F0} | {m.Handles} | {m.Threads} | {m.Sockets} | {m.FpsIn:F1} | {m.FpsOut:F1} | {m.PresentedFpsLowest:F1} | {Milliseconds(m.LatencyP50Ms)} | {Milliseconds(m.LatencyP95Ms)} | {m.Errors} | {m.SessionsAlive} | {m.LoadAverage1:F2} |");

    // The latency histogram's last finite bound is 2 s (ServerMetrics): past it only "over" is known.
    private static string Milliseconds(double? ms) => ms switch
    {
        null => "–",
        double.PositiveInfinity => "> 2000",
        var value => value.Value.ToString("F0", CultureInfo.InvariantCulture),
    };

    private static string Report(List<SoakMinute> rows, SoakVerdict verdict, int sessions, int size, TimeSpan interval, int warmUp, DateTime started, string loadAtStart)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"soak {started:yyyy-MM-dd HH:mm} UTC: {sessions} headless Chromium sessions, {size}² live, {rows.Count} intervals of {interval.TotalSeconds} s, warm-up {warmUp} interval(s); {Environment.ProcessorCount} cores; load average at start {loadAtStart}, at end {LoadAverage()}");
        text.AppendLine();
        text.AppendLine(Header);
        foreach (var row in rows)
        {
            text.AppendLine(Line(row));
        }

        text.AppendLine();
        text.AppendLine(verdict.Held ? "Verdict: held." : "Verdict: did not hold.");
        foreach (var finding in verdict.Findings)
        {
            text.AppendLine("- " + finding);
        }

        return text.ToString();
    }
}
