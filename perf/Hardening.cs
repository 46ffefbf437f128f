using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Pipeline;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Scheduling;
using PortraitStream.Server.Pipeline.Stages;
using PortraitStream.Server.Tests.Signalling;
using PortraitStream.Server.Tests.WebRtc.Dtls;
using PortraitStream.Server.Tests.WebRtc.Session;
using PortraitStream.Server.Tests.WebRtc.Vp8;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Session;
using static PortraitStream.Perf.LoadRun;

namespace PortraitStream.Perf;

/// <summary>
/// Issue #17's targets, measured (perf/RESULTS-hardening.md). Not a BenchmarkDotNet suite: each is a load run.
/// <c>dotnet run -c Release --project perf -- hardening [storm|stats|fairness] [--records N] [--seconds S]</c>.
/// <list type="bullet">
/// <item>storm: forged DTLS records from the peer's own address at a live session while it streams SRTP video.</item>
/// <item>stats: push inter-arrival for healthy browsers while one browser never completes a send.</item>
/// <item>fairness: a session at the server's default (256² live) alone, beside a 512² reference 96 + 96 session without and with the scheduler.</item>
/// </list>
/// </summary>
internal static class Hardening
{
    public static async Task<int> RunAsync(string[] args)
    {
        var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var records = IntOption(args, "--records", 100_000);
        var seconds = IntOption(args, "--seconds", 8);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average at start: {LoadAverage()}");
        if (which is "all" or "storm")
        {
            await StormAsync(records);
        }
        if (which is "all" or "stats")
        {
            await StatsAsync(seconds);
        }
        if (which is "all" or "fairness")
        {
            await FairnessAsync(seconds);
        }
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return 0;
    }

    private static async Task StormAsync(int records)
    {
        using var dtls = new DtlsContext();
        var options = new WebRtcOptions { AnnouncedAddresses = ["127.0.0.1"] };
        using var browser = new LoopbackBrowser(offer => PeerConnection.Start(offer, dtls, options, TimeProvider.System, NullLogger.Instance));
        var connection = browser.Connection;
        long frames = 0;
        var drain = Task.Run(async () =>
        {
            await foreach (var frame in connection.Receiver.Frames.ReadAllAsync())
            {
                frame.Dispose();
                Interlocked.Increment(ref frames);
            }
        });
        browser.Connect();
        var keyFrame = Vp8TestFrames.KeyFrame(800);
        var random = new Random(17);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < records; i++)
        {
            // Every kind the session must discard: the issue's short application_data, plaintext alerts and
            // handshakes, other epochs, and plausible-length records that fail authentication.
            browser.Send(ForgedDtlsRecord.Make((byte)(20 + i % 4), (ushort)(i % 3), random.Next(-1, 48), seed: i));
            if (i % 200 == 199)
            {
                browser.SendFrame(keyFrame);
                if (i % 10_000 == 9_999)
                {
                    browser.SendCheck(); // consent (RFC 7675), as a browser would keep sending
                }
                await Task.Delay(1);
            }
        }
        var sent = clock.Elapsed;
        await Task.Delay(500);
        var closed = connection.Closed.IsCompleted ? await connection.Closed : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"storm: {records} forged records in {sent.TotalSeconds:0.0} s ({records / sent.TotalSeconds:0} /s); sessions lost: {(closed is null ? 0 : 1)}{(closed is null ? "" : $" ({closed})")}; " +
            $"discarded by DTLS: {connection.DtlsDiscarded}; frames delivered during the storm: {Interlocked.Read(ref frames)} of {records / 200}; faults: {connection.Counters.Faults}"));
        await connection.DisposeAsync();
        await drain;
    }

    private static async Task StatsAsync(int seconds)
    {
        const int Healthy = 8;
        var interval = TimeSpan.FromMilliseconds(500);
        var hub = new RecordingHubContext { Stalled = { "stalled" } };
        var pushes = new Server.Signalling.ClientPushes(hub);
        var ids = Enumerable.Range(0, Healthy).Select(i => $"healthy-{i}").Prepend("stalled").ToArray();
        var stats = new Server.Pipeline.Stats.StreamStats(10, 10, new Dictionary<string, double>(), 100, 0, null, 800, 700,
            "CPU", "cpu", "tracking", false, null, null, "relief", 192, "reference", 6, null, false, 0);
        using var timer = new PeriodicTimer(interval);
        var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end && await timer.WaitForNextTickAsync())
        {
            foreach (var id in ids)
            {
                pushes.Stats(id, stats); // what StatsBroadcaster does each tick
            }
        }
        var gaps = ids.Skip(1).SelectMany(id => Gaps(hub.ArrivalTicks(id))).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stats: {Healthy} healthy browsers + 1 stalled, {interval.TotalMilliseconds:0} ms interval, {seconds} s: inter-arrival p50 {Percentile(gaps, 0.5):0} ms, p99 {Percentile(gaps, 0.99):0} ms, max {gaps.LastOrDefault():0} ms; " +
            $"stalled browser: {hub.SendsStarted("stalled")} send in flight, {pushes.Superseded} snapshots superseded"));
    }

    private static async Task FairnessAsync(int seconds)
    {
        var sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        using var bundle = ModelBundle.Load(ReliefBundle.Default, sessions);
        using var analyser = new FrameAnalyser(sessions);
        var portrait = await new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png"));
        var camera = new RgbImage(320, 240);
        ImageWarp.Warp(portrait, camera, new AffineTransform2D(portrait.Width / 320f, 0, 0, portrait.Height / 240f, 0, 0));
        using var analysed = analyser.Analyse(new CameraFrame(camera, TimeSpan.Zero, FrameTimings.Start()), bundle);
        var light = new RenderQuality(256, SamplerQuality.Live, 0); // the server's default
        var greedy = new RenderQuality(512, SamplerQuality.Reference, 96);

        var alone = await RunSessionsAsync(analysed, seconds, light, null, scheduled: false);
        var unscheduled = await RunSessionsAsync(analysed, seconds, light, greedy, scheduled: false);
        var scheduled = await RunSessionsAsync(analysed, seconds, light, greedy, scheduled: true);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fairness ({seconds} s each, camera at 15 fps, CPU renderer): light {light} alone {alone.LightFps:0.0} fps; " +
            $"beside greedy {greedy} unscheduled {unscheduled.LightFps:0.0} fps ({unscheduled.LightFps / alone.LightFps:P0}), greedy {unscheduled.GreedyFps:0.0} fps; " +
            $"scheduled {scheduled.LightFps:0.0} fps ({scheduled.LightFps / alone.LightFps:P0}) at {scheduled.LightQuality}, greedy {scheduled.GreedyFps:0.0} fps at {scheduled.GreedyQuality}"));
    }

    private sealed record FairnessRun(double LightFps, double GreedyFps, string GreedyQuality, string LightQuality);

    /// <summary>
    /// Two render loops like PortraitPipeline's: each renders when a camera frame is due (15 fps, latest wins), so a
    /// session alone is limited by its camera, and beside a greedy one by what the renderer leaves it.
    /// </summary>
    private static async Task<FairnessRun> RunSessionsAsync(AnalysedFrame frame, int seconds, RenderQuality light, RenderQuality? greedy, bool scheduled)
    {
        var scheduler = new RenderScheduler(Options.Create(new PipelineOptions()), TimeProvider.System);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var lastGreedy = "";
        var lastLight = "";
        // Both sessions join before either renders, as two running pipelines would have.
        using var lightShare = scheduler.Join("light");
        using var greedyShare = greedy is null ? null : scheduler.Join("greedy");
        async Task<int> Loop(RenderSession share, RenderQuality quality, bool cameraPaced)
        {
            using var renderer = new ViewRenderer(new CpuVolumeRenderer());
            var frames = 0;
            var next = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                if (cameraPaced)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait).ConfigureAwait(false);
                    }
                    next = Math.Max(next + Stopwatch.Frequency / 15, Stopwatch.GetTimestamp());
                }
                RenderSession.Turn? turn = scheduled ? await share.TurnAsync(CancellationToken.None).ConfigureAwait(false) : null;
                try
                {
                    var capped = scheduled ? share.Cap(quality) : quality;
                    using var picture = I420Frame.Rent(capped.Size, capped.Size);
                    renderer.Compose(frame, frame, new CameraView(20, 0), capped, BackgroundChoice.Keep, picture);
                    turn?.Rendered(capped);
                    var shown = capped.ToString();
                    _ = cameraPaced ? lastLight = shown : lastGreedy = shown;
                }
                finally
                {
                    turn?.Dispose();
                }
                frames++;
            }
            return frames;
        }
        var lightTask = Task.Run(() => Loop(lightShare, light, cameraPaced: true));
        var greedyTask = greedy is null ? Task.FromResult(0) : Task.Run(() => Loop(greedyShare!, greedy, cameraPaced: false));
        var counts = await Task.WhenAll(lightTask, greedyTask);
        return new FairnessRun(counts[0] / (double)seconds, counts[1] / (double)seconds, lastGreedy, lastLight);
    }

    private static IEnumerable<double> Gaps(IReadOnlyList<long> arrivals) =>
        arrivals.Zip(arrivals.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds);

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * p))];
}
