using System.Globalization;
using System.Text.Json;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Perf;

/// <summary>
/// The per-pose records behind <see cref="PoseToPhoton"/>'s percentiles: the page keeps every timed pose's
/// <c>PoseLatencyParts</c> (the server's push with the first frame sent at that pose: which kind of frame, and its
/// wait, render, hand-over and send) and the client times of the poses it sent, so a run says which poses are slow
/// and why — waiting behind a camera render, behind a pose frame, in the hand-over to the encoder, or a gap in the
/// viewer's own pose stream (the browser shares the cores) — and when: each slow pose's place (#n) in the order the
/// page received them, so a run of slow poses at the window's start (a warm-up transient) shows apart from slow poses
/// spread through it (contention).
/// </summary>
internal static class PoseToPhotonParts
{
    // Wraps the page's push handler (PosedFrames.add) to keep each timed pose's parts from now on.
    private const string CollectScript =
        "(() => { const f = window.vr.posedFrames; const add = f.add.bind(f); window.poseParts = []; " +
        "window.poseSentFrom = performance.now(); " +
        "f.add = x => { if (x.parts) window.poseParts.push({ p2p: x.poseToPhotonMs, ...x.parts }); return add(x); }; })()";

    private const string ReadScript =
        "({ parts: window.poseParts, sent: window.vr.sender.sent.map(p => p.timestampMs).filter(t => t >= window.poseSentFrom) })";

    /// <summary>A gap between two poses the page sent longer than this is a stall of the viewer's stream (the page sends every animation frame).</summary>
    private const double StallMs = 50;

    private sealed record Record(double P2p, string Frame, double WaitMs, double RenderMs, double HandOverMs, double SendMs, int Order);

    public static Task StartAsync(TestBrowser browser) => browser.EvaluateAsync(CollectScript);

    /// <summary>Prints where the time went, overall and for the slowest tenth, in camera frame times of <paramref name="cameraFrameMs"/>.</summary>
    public static async Task PrintAsync(TestBrowser browser, double cameraFrameMs)
    {
        if (await browser.EvaluateAsync(ReadScript) is not { } read)
        {
            Console.WriteLine("parts: the page kept none");
            return;
        }
        var records = read.GetProperty("parts").EnumerateArray().Select((r, order) => new Record(
            r.GetProperty("p2p").GetDouble(), r.GetProperty("frame").GetString() ?? "?", r.GetProperty("waitMs").GetDouble(),
            r.GetProperty("renderMs").GetDouble(), r.GetProperty("handOverMs").GetDouble(), r.GetProperty("sendMs").GetDouble(), order))
            .OrderBy(r => r.P2p).ToList();
        PrintStalls(read.GetProperty("sent"));
        if (records.Count == 0)
        {
            Console.WriteLine("parts: no timed poses");
            return;
        }

        Summarise("all timed poses", records, cameraFrameMs);
        var slowest = records.Skip(records.Count - Math.Max(1, records.Count / 10)).ToList();
        Summarise("slowest tenth", slowest, cameraFrameMs);
        var over = records.Where(r => r.P2p > 1.5 * cameraFrameMs).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"over 1.5 camera frame times: {over.Count} of {records.Count}"));
        foreach (var r in over)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {r.P2p,6:F0} ms ({r.P2p / cameraFrameMs:F2}) {r.Frame,-10} wait {r.WaitMs,5:F0}  render {r.RenderMs,5:F0}  hand-over {r.HandOverMs,4:F0}  send {r.SendMs,4:F0}  #{r.Order}"));
        }
    }

    private static void Summarise(string title, List<Record> records, double cameraFrameMs)
    {
        var kinds = string.Join(", ", records.GroupBy(r => r.Frame).Select(g => $"{g.Count()} {g.Key}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title} ({records.Count}: {kinds}), medians: pose-to-photon {Median(records, r => r.P2p):F0} ms ({Median(records, r => r.P2p) / cameraFrameMs:F2} camera frame times) = wait {Median(records, r => r.WaitMs):F0} + render {Median(records, r => r.RenderMs):F0} + hand-over {Median(records, r => r.HandOverMs):F0} + send {Median(records, r => r.SendMs):F0} ms"));
    }

    private static void PrintStalls(JsonElement sent)
    {
        var times = sent.EnumerateArray().Select(t => t.GetDouble()).ToList();
        var gaps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        if (gaps.Count == 0)
        {
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"viewer's pose stream: {times.Count} poses sent (the page's last 512), median gap {gaps.Order().ElementAt(gaps.Count / 2):F1} ms, {gaps.Count(g => g > StallMs)} gaps over {StallMs} ms, longest {gaps.Max():F0} ms"));
    }

    private static double Median(List<Record> records, Func<Record, double> value)
    {
        var sorted = records.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
