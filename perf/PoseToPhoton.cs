using System.Globalization;
using Microsoft.Playwright;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Perf;

/// <summary>
/// Server pose-to-photon (issue #15): the real server at the live preset (N² live sampler, stereo), headless Chromium
/// on /vr.html's desktop view with the portrait as its camera, sending a viewer pose every animation frame while the
/// head sways (±10 cm sideways, ±3 cm up and down, a 2 s period: a seated viewer's lean; a still head would only ever
/// repeat the view already sent, which the server does not re-render). Reads the server's
/// <c>portraitstream_pose_to_photon_seconds</c> histogram (pose received → frame rendered with it → sent: camera frames
/// rendered at the newest pose and pose-only re-renders of the held triplanes alike) and its sent frames over the
/// window (percentiles interpolated within the histogram's 25 ms buckets between 0.1 and 0.4 s), and sets them against the camera frame time (1 / camera frames sent a second,
/// <c>portraitstream_frames_sent</c>) and the output frame time (camera and pose-only frames,
/// <c>portraitstream_pose_frames_sent</c> added); the target is ≤ 1.5 frame times. Then where each timed pose's time went (<see cref="PoseToPhotonParts"/>). Pose-only frames here are mostly the
/// ones rendered ahead of a camera frame for a pose that would otherwise miss the target (<c>PoseDeadline</c>). Not a BenchmarkDotNet suite: one
/// measurement is one browser session. Usage: <c>dotnet run -c Release --project perf -- pose-to-photon [--size 256] [--seconds 20]</c>.
/// </summary>
internal static class PoseToPhoton
{
    private const string Histogram = "portraitstream_pose_to_photon_seconds";

    // The viewer's sway, in /vr.html's desktop head (metres in WebXR local space), set every 10 ms.
    private const string SwayScript =
        "setInterval(() => { const t = performance.now() / 2000 * 2 * Math.PI; window.vr.head = [0.1 * Math.sin(t), 0.03 * Math.sin(2 * t), 0]; }, 10)";
    private const double Target = 1.5;

    // The tracker's start-up and the first CPU renders are not what this measures. Until the server counted calls for
    // the JIT's tiers at once (System.Runtime.TieredCompilation.CallCountingDelayMs = 0, StreamServer.csproj), its
    // per-frame methods ran unoptimised for seconds after a session began: after this 3 s the window's first 10–17
    // camera frames rendered in up to 4× the median time in 3 runs of 9 (p95 2.8–2.9 frame times), and the warm-up was
    // 8 s. With the setting, 3 s reads p95 1.28–1.33 in 3 of 3 (perf/RESULTS.md, 2026-12-05).
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan FirstFrameDeadline = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args)
    {
        var (size, seconds) = (256, 20);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size" when i + 1 < args.Length: size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds" when i + 1 < args.Length: seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"pose-to-photon: unknown option '{args[i]}' (--size N, --seconds N)"); return 2;
            }
        }

        await using var server = await TestServer.StartAsync(["--Pipeline:DefaultSize", $"{size}"]);
        await using var browser = await TestBrowser.OpenAsync(server.Address + "/vr.html", FakeCamera.Portrait);
        await browser.EvaluateAsync("window.vr.start('desktop')");
        await browser.Page.WaitForFunctionAsync("window.vr.posedFrames.newest !== null || window.vr.error", null,
            new() { Timeout = (float)FirstFrameDeadline.TotalMilliseconds, PollingInterval = 200 });
        if (await browser.EvaluateAsync("window.vr.error") is { ValueKind: System.Text.Json.JsonValueKind.String } error)
        {
            Console.Error.WriteLine($"pose-to-photon: the page failed: {error}");
            return 1;
        }
        await browser.EvaluateAsync(SwayScript);
        await Task.Delay(WarmUp);

        using var http = new HttpClient();
        await PoseToPhotonParts.StartAsync(browser);
        var before = await PrometheusScrape.ReadAsync(http, server.Address);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var after = await PrometheusScrape.ReadAsync(http, server.Address);

        var camera = after.Sum("portraitstream_frames_sent") - before.Sum("portraitstream_frames_sent");
        var poseOnly = after.Sum("portraitstream_pose_frames_sent") - before.Sum("portraitstream_pose_frames_sent");
        var posed = after.Sum(Histogram + "_count") - before.Sum(Histogram + "_count");
        var cameraFrameMs = camera > 0 ? 1000.0 * seconds / camera : double.NaN;
        var outputFrameMs = camera + poseOnly > 0 ? 1000.0 * seconds / (camera + poseOnly) : double.NaN;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pose-to-photon, {size}² live stereo, {seconds} s after a {WarmUp.TotalSeconds} s warm-up: {camera} camera frames sent ({camera / seconds:F1} fps, frame time {cameraFrameMs:F1} ms) and {poseOnly} pose-only re-renders (output frame time {outputFrameMs:F1} ms); {posed} frames posed"));
        foreach (var quantile in new[] { 0.5, 0.95 })
        {
            var ms = 1000 * after.QuantileSince(before, Histogram, quantile);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"p{quantile * 100:0}: {ms:F1} ms = {ms / cameraFrameMs:F2} camera frame times, {ms / outputFrameMs:F2} output frame times (target ≤ {Target})"));
        }
        await PoseToPhotonParts.PrintAsync(browser, cameraFrameMs);
        return 0;
    }
}
