using System.Globalization;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd;
using PortraitStream.Server.Tests.Hosting;
using PortraitStream.Server.WebRtc.Faults;
using static PortraitStream.Perf.LoadRun;

namespace PortraitStream.Perf;

/// <summary>
/// Issue #16's fault run (perf/RESULTS-fault.md): per loss rate, the real server in echo mode with test-only fault
/// injection on (WebRtc:FaultInjection: the loss, plus reordering and duplication, on the server's receive and send
/// paths, DTLS and STUN included) and one real headless Chromium session with the fake camera. Over a window after the
/// first frame it records what the browser received and decoded, both sides' NACKs and PLIs and their answers, key
/// frames, errors, and whether the session and the server survived. A robustness figure, not a timing one.
/// <c>dotnet run -c Release --project perf -- fault [--loss 1,5,10] [--reorder 2] [--duplicate 2] [--seconds 60]</c>.
/// </summary>
internal static class FaultRun
{
    // DTLS under loss needs retransmission timeouts (1 s, doubling) before the first frame; a loaded machine adds more.
    private static readonly TimeSpan FirstFrameDeadline = TimeSpan.FromSeconds(90);

    // The browser's own counts: its inbound video (our stream) and its outbound video (the camera we receive).
    private const string BrowserCounts = """
        (async () => {
          const out = { connection: pc ? pc.connectionState : 'none', closedReason: window.echo.closedReason, error: window.echo.error };
          if (!pc) return out;
          for (const s of (await pc.getStats()).values()) {
            if (s.kind !== 'video') continue;
            if (s.type === 'inbound-rtp') Object.assign(out, { framesReceived: s.framesReceived || 0, framesDecoded: s.framesDecoded || 0,
              framesDropped: s.framesDropped || 0, keyFramesDecoded: s.keyFramesDecoded || 0, packetsLost: s.packetsLost || 0,
              nacksSent: s.nackCount || 0, plisSent: s.pliCount || 0 });
            if (s.type === 'outbound-rtp') Object.assign(out, { nacksReceived: s.nackCount || 0, plisReceived: s.pliCount || 0,
              retransmitted: s.retransmittedPacketsSent || 0, keyFramesEncoded: s.keyFramesEncoded || 0 });
          }
          return out;
        })()
        """;

    private static readonly string[] BrowserCounters =
        ["framesReceived", "framesDecoded", "framesDropped", "keyFramesDecoded", "packetsLost", "nacksSent", "plisSent", "nacksReceived", "plisReceived", "retransmitted", "keyFramesEncoded"];

    private static readonly string[] RecoveryEvents =
        ["nack_sent", "pli_sent", "nack_received", "key_frame_request_received", "packet_retransmitted", "key_frame_sent"];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average at start: {LoadAverage()}");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"echo mode, camera {FakeCamera.Width}×{FakeCamera.Height} at {FakeCamera.FramesPerSecond} fps; per rate {options.Seconds} s after the first frame; reorder {options.Reorder} %, duplicate {options.Duplicate} % on both paths"));
        var rows = new List<string>();
        bool allSurvived = true;
        foreach (var loss in options.Losses)
        {
            var row = await RunOneAsync(loss, options);
            allSurvived &= row.Survived;
            rows.Add(row.Line);
            Console.WriteLine(row.Line);
        }

        Console.WriteLine();
        Console.WriteLine(Header);
        rows.ForEach(Console.WriteLine);
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return allSurvived ? 0 : 1;
    }

    private const string Header = """
        | loss % | datagrams dropped by injection: rx / tx | server camera fps assembled / frames lost | browser fps received / decoded / dropped | browser key frames decoded | browser NACKs → server: received / packets resent | browser PLIs → server: requests received / key frames sent | server NACKs → browser: received / packets resent | server PLIs → browser: received / key frames encoded | browser packets lost | SRTP replayed (dups) | faults | session at end |
        |---|---|---|---|---|---|---|---|---|---|---|---|---|
        """;

    private sealed record Row(string Line, bool Survived);

    private static async Task<Row> RunOneAsync(double loss, Options options)
    {
        string Percent(double value) => value.ToString(CultureInfo.InvariantCulture);
        await using var server = await TestServer.StartAsync("--Mode", "echo", "--WebRtc:FaultInjection:Enabled", "true",
            "--WebRtc:FaultInjection:LossPercent", Percent(loss), "--WebRtc:FaultInjection:ReorderPercent", Percent(options.Reorder),
            "--WebRtc:FaultInjection:DuplicatePercent", Percent(options.Duplicate), "--WebRtc:FaultInjection:Seed", "16");
        await using var browser = await EchoBrowser.OpenAsync(server.Address);
        await browser.StartAsync();
        await browser.Page.WaitForFunctionAsync("window.echo.frames > 0 || window.echo.error !== null", null,
            new() { Timeout = (float)FirstFrameDeadline.TotalMilliseconds, PollingInterval = 200 });

        var connection = server.Sessions.SessionIds.SingleOrDefault()
            ?? throw new InvalidOperationException($"no session after the first frame: {await browser.DiagnosticsAsync()}");
        var injected = server.Sessions.InjectedFaults(connection)!.Value;
        var injectedBefore = Injected(injected);
        var cameraBefore = server.Sessions.GetStats(connection)!;
        var browserBefore = await browser.Page.EvaluateAsync<JsonElement>(BrowserCounts);
        var serverBefore = await ServerCountsAsync(server);
        await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
        var browserAfter = await browser.Page.EvaluateAsync<JsonElement>(BrowserCounts);
        var serverAfter = await ServerCountsAsync(server);
        var injectedAfter = Injected(injected);

        double B(string name) => browserAfter.GetProperty(name).GetDouble() - browserBefore.GetProperty(name).GetDouble();
        double S(string name) => serverAfter[name] - serverBefore[name];
        string Fps(string name) => (B(name) / options.Seconds).ToString("F1", CultureInfo.InvariantCulture);
        var stats = server.Sessions.GetStats(connection);
        string camera = stats is null ? "–" : string.Create(CultureInfo.InvariantCulture,
            $"{(stats.FramesReceived - cameraBefore.FramesReceived) / (double)options.Seconds:F1} / {stats.FramesDropped - cameraBefore.FramesDropped}");
        string state = browserAfter.GetProperty("connection").GetString() ?? "?";
        bool survived = stats is not null && stats.Faults == 0 && state == "connected" && B("framesDecoded") > 0;
        string line = string.Create(CultureInfo.InvariantCulture,
            $"| {loss} | {Share(injectedAfter.Receive, injectedBefore.Receive)} / {Share(injectedAfter.Send, injectedBefore.Send)} | {camera} | {Fps("framesReceived")} / {Fps("framesDecoded")} / {Fps("framesDropped")} "
            + $"| {B("keyFramesDecoded")} | {B("nacksSent")} → {S("nack_received")} / {S("packet_retransmitted")} "
            + $"| {B("plisSent")} → {S("key_frame_request_received")} / {S("key_frame_sent")} | {S("nack_sent")} → {B("nacksReceived")} / {B("retransmitted")} "
            + $"| {S("pli_sent")} → {B("plisReceived")} / {B("keyFramesEncoded")} | {B("packetsLost")} | {S("replayed")} | {stats?.Faults.ToString(CultureInfo.InvariantCulture) ?? "session gone"} "
            + $"| {(survived ? "alive" : "LOST")}: browser {state}, server {server.Sessions.Count} session |");
        return new Row(line, survived);
    }

    private static ((long Offered, long Dropped) Receive, (long Offered, long Dropped) Send) Injected((FaultCounters Receive, FaultCounters Send) faults) =>
        ((faults.Receive.Offered, faults.Receive.Dropped), (faults.Send.Offered, faults.Send.Dropped));

    private static string Share((long Offered, long Dropped) after, (long Offered, long Dropped) before) =>
        string.Create(CultureInfo.InvariantCulture, $"{after.Dropped - before.Dropped} of {after.Offered - before.Offered}");

    /// <summary>The server's loss-recovery counters and SRTP replays (what the duplicates become), from its /metrics.</summary>
    private static async Task<Dictionary<string, double>> ServerCountsAsync(TestServer server)
    {
        using var client = new HttpClient();
        var metrics = PrometheusText.Parse(await client.GetStringAsync(server.Address.TrimEnd('/') + "/metrics"));
        var counts = RecoveryEvents.ToDictionary(e => e, e => metrics.Value("portraitstream_webrtc_recovery", ("event", e)));
        counts["replayed"] = metrics.Series("portraitstream_packet_errors", ("reason", "replayed")).Sum(s => s.Value);
        return counts;
    }

    private sealed record Options(double[] Losses, double Reorder, double Duplicate, int Seconds)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options([1, 5, 10], 2, 2, 60);
            for (var i = 0; i < args.Length; i++)
            {
                options = args[i] switch
                {
                    "--loss" => options with { Losses = Value(args, ++i).Split(',').Select(Percent).ToArray() },
                    "--reorder" => options with { Reorder = Percent(Value(args, ++i)) },
                    "--duplicate" => options with { Duplicate = Percent(Value(args, ++i)) },
                    "--seconds" => options with { Seconds = (int)Percent(Value(args, ++i)) },
                    var other => throw new ArgumentException($"fault: unknown argument '{other}' (--loss 1,5,10, --reorder P, --duplicate P, --seconds N)"),
                };
            }

            return options.Seconds > 0 ? options : throw new ArgumentException("fault: --seconds needs a positive number");
        }

        private static string Value(string[] args, int i) =>
            i < args.Length ? args[i] : throw new ArgumentException($"fault: {args[i - 1]} needs a value");

        private static double Percent(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 100
                ? value : throw new ArgumentException($"fault: '{text}' is not a percentage from 0 to 100");
    }
}
