using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Perf;

/// <summary>
/// Issue #14's target (≤ 1 s on loopback): from the WHIP POST of a publisher to the first frame a WHEP viewer
/// decodes, on the real server. Headless Chromium is both, in one page: it publishes its fake portrait camera over
/// WHIP (<see cref="WhipPublisherScript.Publish"/>), then at once watches the new session through whep.html's client,
/// polling its inbound video every 5 ms; each run is a fresh session, the first once <c>/readyz</c> says ready (the time to
/// that is printed: with <c>--pipeline</c> it includes the start-up warm-up). Echo mode by default; <c>--pipeline</c>
/// renders the face (the first run is the first session after the server's start). Not BenchmarkDotNet: one
/// measurement is one publish. The clock starts as the POST leaves the page: the page's own camera start and offer
/// before it (hundreds of ms in the first run: Chromium starts its fake camera) are printed apart, as a publisher such
/// as OBS has its encoder running before it posts; the viewer's module load (first run) stays inside. Each run also
/// prints when the page first saw the publisher and the viewer connected and their first video packets go and come. Usage:
/// <c>dotnet run -c Release --project perf -- whip-to-whep [--pipeline [--size 256]] [--runs 5] [--codec VP8|H264]</c>.
/// </summary>
internal static class WhipToWhep
{
    private const string Measure = """
        async ([publish, codec]) => {
          const started = performance.now();
          const published = await (eval(publish))(codec);
          if (published.status !== 201) return { error: 'publish ' + published.status + ': ' + published.answer };
          const id = published.location.slice('/whip/'.length);
          const { watch } = await import('/js/whep-client.js');
          const viewer = await watch(id, { codec });
          if (!viewer.pc) return { error: 'view ' + viewer.status + ': ' + viewer.answer };
          const answered = performance.now();
          // Where the time goes: the first moment each of these was seen (polled with the decode check below).
          const marks = {};
          const mark = (name, seen) => { if (seen && marks[name] === undefined) marks[name] = performance.now() - published.postedAt; };
          for (;;) {
            mark('publisherConnected', window.publisher.connectionState === 'connected');
            for (const s of (await window.publisher.getStats()).values()) {
              if (s.type === 'outbound-rtp' && s.kind === 'video') mark('publisherFirstPacket', (s.packetsSent ?? 0) > 0);
            }
            mark('viewerConnected', viewer.pc.connectionState === 'connected');
            for (const s of (await viewer.pc.getStats()).values()) {
              if (s.type !== 'inbound-rtp' || s.kind !== 'video') continue;
              mark('viewerFirstPacket', (s.packetsReceived ?? 0) > 0);
              if ((s.framesDecoded ?? 0) > 0) {
                const decoded = performance.now();
                viewer.pc.close();
                window.publisher.close();
                await fetch(published.location, { method: 'DELETE' });
                return { setupMs: published.postedAt - started, answeredMs: answered - published.postedAt, firstFrameMs: decoded - published.postedAt, marks };
              }
            }
            if (performance.now() - started > 60000) return { error: 'no frame within 60 s' };
            await new Promise(r => setTimeout(r, 5));
          }
        }
        """;

    // Two peer connections inside the page send the fake camera to each other until a frame decodes: the browser's own
    // first-call costs (camera start, WebRTC threads, VP8/H.264 codecs, DTLS) before the first POST, without the server.
    private const string WarmPage = """
        async (codec) => {
          const started = performance.now();
          const stream = await navigator.mediaDevices.getUserMedia({ video: true });
          const [a, b] = [new RTCPeerConnection(), new RTCPeerConnection()];
          a.onicecandidate = e => e.candidate && b.addIceCandidate(e.candidate);
          b.onicecandidate = e => e.candidate && a.addIceCandidate(e.candidate);
          const transceiver = a.addTransceiver(stream.getVideoTracks()[0], { direction: 'sendonly' });
          transceiver.setCodecPreferences(RTCRtpSender.getCapabilities('video').codecs.filter(c => c.mimeType === 'video/' + codec));
          await a.setLocalDescription(await a.createOffer());
          await b.setRemoteDescription(a.localDescription);
          await b.setLocalDescription(await b.createAnswer());
          await a.setRemoteDescription(b.localDescription);
          await import('/js/whep-client.js');
          for (;;) {
            for (const s of (await b.getStats()).values()) {
              if (s.type === 'inbound-rtp' && s.kind === 'video' && (s.framesDecoded ?? 0) > 0) {
                a.close(); b.close(); stream.getTracks().forEach(t => t.stop());
                return performance.now() - started;
              }
            }
            await new Promise(r => setTimeout(r, 5));
          }
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        bool pipeline = args.Contains("--pipeline");
        int runs = Argument(args, "--runs") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
        string codec = Argument(args, "--codec") ?? "VP8";
        string size = Argument(args, "--size") ?? "256";
        var starting = Stopwatch.GetTimestamp();
        await using var server = await TestServer.StartAsync(pipeline ? ["--Pipeline:DefaultSize", size] : ["--Mode", "echo"]);
        // Sessions start once the server says it is ready (the pipeline warms up first), as a load balancer would wait.
        using (var http = new HttpClient { BaseAddress = new Uri(server.Address) })
        {
            for (;;)
            {
                using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (ready.IsSuccessStatusCode)
                {
                    break;
                }

                await Task.Delay(50);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server ready {Stopwatch.GetElapsedTime(starting).TotalMilliseconds:F0} ms after its start"));
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/whep.html", FakeCamera.Portrait);
        var firstFrames = new List<double>();
        Console.WriteLine($"whip-to-whep: {(pipeline ? $"pipeline {size}²" : "echo")}, {codec}, {runs} runs, {Environment.ProcessorCount} cores");
        var pageWarmMs = await browser.Page.EvaluateAsync<double>(WarmPage, codec);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"the page's own WebRTC warmed (camera, a loopback call in the page until a frame decoded): {pageWarmMs:F0} ms"));
        for (int run = 0; run < runs; run++)
        {
            var result = await browser.Page.EvaluateAsync<JsonElement>(Measure, new object[] { WhipPublisherScript.Publish, codec });
            if (result.TryGetProperty("error", out var error))
            {
                Console.Error.WriteLine($"run {run + 1}: {error.GetString()}");
                return 1;
            }

            double setup = result.GetProperty("setupMs").GetDouble(), answered = result.GetProperty("answeredMs").GetDouble(),
                first = result.GetProperty("firstFrameMs").GetDouble();
            firstFrames.Add(first);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"run {run + 1}: the page's camera and offer {setup:F0} ms before the POST; after it: both answered {answered:F0} ms, first decoded frame {first:F0} ms ({Marks(result.GetProperty("marks"))})"));
            // The session's release (socket, codecs) finishes before the next one starts.
            while (server.Sessions.Count > 0)
            {
                await Task.Delay(20);
            }
        }

        firstFrames.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first decoded frame after the WHIP POST: median {firstFrames[firstFrames.Count / 2]:F0} ms, min {firstFrames[0]:F0}, max {firstFrames[^1]:F0} (target ≤ 1000 ms)"));
        return 0;
    }

    /// <summary>The page's marks in the order they came: "publisher connected 190, publisher's first packet 205, …" (ms after the POST).</summary>
    private static string Marks(JsonElement marks) => string.Join(", ", marks.EnumerateObject()
        .Where(mark => MarkNames.ContainsKey(mark.Name)) // Playwright adds "$id"
        .OrderBy(mark => mark.Value.GetDouble())
        .Select(mark => string.Create(CultureInfo.InvariantCulture, $"{MarkNames[mark.Name]} {mark.Value.GetDouble():F0}")));

    private static readonly Dictionary<string, string> MarkNames = new()
    {
        ["publisherConnected"] = "publisher connected",
        ["publisherFirstPacket"] = "publisher's first video packet",
        ["viewerConnected"] = "viewer connected",
        ["viewerFirstPacket"] = "viewer's first video packet",
    };

    private static string? Argument(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
