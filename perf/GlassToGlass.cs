using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using PortraitStream.Inference.Onnx;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Perf;

/// <summary>
/// Glass-to-glass latency: the real server, headless Chromium sending a numbered fake-camera clip
/// (<see cref="CounterCamera"/>) and reading the numbers back from its local preview and from the video it receives
/// (web/latency.js). Echo mode sends the camera straight back, the number in a strip across the top; pipeline mode
/// renders the face, so the number is drawn beside the face inside the crop (<see cref="FaceCode"/>) and read from the
/// front view. Not a BenchmarkDotNet suite: one measurement is one browser session, minutes long. Usage:
/// <c>dotnet run -c Release --project perf -- glass-to-glass [--pipeline] [--size 256] [--samples 8 (reference sampler; default: live)] [--seconds 20]</c>.
/// </summary>
internal static class GlassToGlass
{
    // The encoder's start-up (first key frame, bitrate ramp), and in pipeline mode the tracker's, is not what this measures.
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    // A CPU-rendered 512² first frame takes seconds on a loaded machine.
    private static readonly TimeSpan FirstMatchDeadline = TimeSpan.FromSeconds(120);

    /// <summary>What differs between the modes: the page, how it starts, what it counts, and the server's options.</summary>
    /// <param name="Inbound">A page expression for the browser's own inbound video counts (frames received, decoded,
    /// dropped), where the page has one: what the browser received, beside what it presented.</param>
    private sealed record Mode(string Description, string Path, string Start, string Frames, string Diagnostics, string[] ServerArguments, string? Inbound = null);

    /// <summary>The server's Prometheus endpoint, read once.</summary>
    private static async Task<PrometheusScrape> ScrapeAsync(string address)
    {
        using var client = new HttpClient();
        return await PrometheusScrape.ReadAsync(client, address);
    }

    /// <summary>How often each per-frame network of the analyse stage ran and was reused between two reads (analyse.networks).</summary>
    private static string NetworkRuns(PrometheusScrape before, PrometheusScrape after)
    {
        double Count(string network, string reused) =>
            after.Sum(AnalyseNetworks, ("network", network), ("reused", reused)) - before.Sum(AnalyseNetworks, ("network", network), ("reused", reused));
        string Of(string network) => string.Create(CultureInfo.InvariantCulture, $"{network} ran on {Count(network, "false"):F0}, reused on {Count(network, "true"):F0}");
        return $"analysed frames: {Of("mesh")}; {Of("matte")} ({AnalyseNetworks})";
    }

    private const string AnalyseNetworks = "portraitstream_analyse_networks";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        var code = options.Pipeline
            ? await FaceCode.MeasureAsync(new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu))
            : null;
        const int clipFrames = CounterCamera.ClipFrames;

        var mode = code is null
            ? new Mode($"echo, {FakeCamera.Width}×{FakeCamera.Height}", "/echo.html" + LatencyPage.EchoQuery(clipFrames), "start()",
                "window.echo.frames", "inboundStats()", ["--Mode", "echo"])
            : new Mode(options.Samples is { } n ? $"pipeline, {options.Size}² at {n} + {n} samples (reference)" : $"pipeline, {options.Size}² live", "/", "window.portrait.start()",
                "window.portrait.frames", "window.portrait.stats",
                options.Samples is { } samples
                    ? ["--Pipeline:DefaultSize", $"{options.Size}", "--Pipeline:DefaultSampler", "Reference", "--Pipeline:DefaultSamples", $"{samples}"]
                    : ["--Pipeline:DefaultSize", $"{options.Size}"], "window.portrait.inboundVideo()");
        var clip = CounterCamera.Make(clipFrames, code?.Placement ?? CodePlacement.EchoStrip);
        try
        {
            await using var server = await TestServer.StartAsync(mode.ServerArguments);
            await using var browser = await TestBrowser.OpenAsync(server.Address + mode.Path, clip);
            var page = browser.Page;
            await page.EvaluateAsync(mode.Start);
            if (code is not null)
            {
                await page.WaitForFunctionAsync($"{mode.Frames} > 0", null, new() { Timeout = (float)FirstMatchDeadline.TotalMilliseconds, PollingInterval = 200 });
                await LatencyPage.StartOnProductPageAsync(browser, code, clipFrames, options.Size);
            }

            await WaitForFirstMatchAsync(browser, mode);
            await Task.Delay(WarmUp);
            await LatencyPage.ForgetSamplesAsync(browser);
            var framesBefore = await page.EvaluateAsync<int>(mode.Frames);
            var inboundBefore = mode.Inbound is null ? default : await page.EvaluateAsync<JsonElement>(mode.Inbound);
            var scrapeBefore = await ScrapeAsync(server.Address);
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            var frames = await page.EvaluateAsync<int>(mode.Frames) - framesBefore;
            var inboundAfter = mode.Inbound is null ? default : await page.EvaluateAsync<JsonElement>(mode.Inbound);
            var scrapeAfter = await ScrapeAsync(server.Address);
            var sent = scrapeAfter.Sum("portraitstream_frames_sent") - scrapeBefore.Sum("portraitstream_frames_sent");
            var state = await LatencyPage.StateAsync(browser);

            Console.WriteLine($"{mode.Description}: {options.Seconds} s after a {WarmUp.TotalSeconds} s warm-up; camera {FakeCamera.Width}×{FakeCamera.Height} at {FakeCamera.FramesPerSecond} fps");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"received video presented at {(double)frames / options.Seconds:F2} fps"));
            if (mode.Inbound is not null)
            {
                double Rate(string counter) => (inboundAfter.GetProperty(counter).GetDouble() - inboundBefore.GetProperty(counter).GetDouble()) / options.Seconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"received video (the browser's inbound-rtp counts): {Rate("framesReceived"):F2} fps received, {Rate("framesDecoded"):F2} fps decoded, {Rate("framesDropped"):F2} fps dropped"));
                // The browser's jitter buffer: what it held each frame it emitted over the window, on average.
                var held = Rate("jitterBufferDelay") / Math.Max(Rate("jitterBufferEmittedCount"), double.Epsilon);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"received video held in the browser's jitter buffer: {1000 * held:F0} ms a frame on average"));
            }
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server sent {sent / options.Seconds:F2} fps over the same window (portraitstream_frames_sent)"));
            if (code is not null)
            {
                Console.WriteLine(NetworkRuns(scrapeBefore, scrapeAfter));
            }
            Console.WriteLine($"page: {await page.EvaluateAsync<JsonElement>(mode.Diagnostics)}");
            Console.WriteLine(LatencyPage.Describe(state));
            Console.WriteLine(Summary.Of("received presented − local presented", state.GetProperty("samples")));
            return 0;
        }
        finally
        {
            File.Delete(clip);
        }
    }

    private static async Task WaitForFirstMatchAsync(TestBrowser browser, Mode mode)
    {
        var deadline = DateTime.UtcNow + FirstMatchDeadline;
        while (await LatencyPage.SamplesAsync(browser) == 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no received frame matched a local one in {FirstMatchDeadline.TotalSeconds} s: "
                    + LatencyPage.Describe(await LatencyPage.StateAsync(browser)) + $"\npage: {await browser.Page.EvaluateAsync<JsonElement>(mode.Diagnostics)}");
            }

            await Task.Delay(200);
        }
    }

    private sealed record Options(bool Pipeline, int Size, int? Samples, int Seconds)
    {
        public static Options Parse(string[] args)
        {
            var options = new Options(false, 256, null, 20);
            for (var i = 0; i < args.Length; i++)
            {
                options = args[i] switch
                {
                    "--pipeline" => options with { Pipeline = true },
                    "--size" => options with { Size = Number(args, ++i) },
                    "--samples" => options with { Samples = Number(args, ++i) },
                    "--seconds" => options with { Seconds = Number(args, ++i) },
                    var other => throw new ArgumentException($"glass-to-glass: unknown argument '{other}' (--pipeline, --size N, --samples N, --seconds N)"),
                };
            }

            return options;
        }

        private static int Number(string[] args, int i) =>
            i < args.Length && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n : throw new ArgumentException($"glass-to-glass: {args[i - 1]} needs a positive whole number");
    }
}
