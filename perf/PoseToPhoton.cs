using System.Globalization;
using Microsoft.Playwright;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Perf;

/// <summary>
/// Server pose-to-photon (issue #15): the real server at the live preset (N² live sampler, stereo), headless Chromium
/// on /vr.html's desktop view with the portrait as its camera, sending a viewer pose every animation frame. Reads the
/// server's <c>portraitstream_pose_to_photon_seconds</c> histogram (pose received → frame rendered with it → sent) and
/// its sent frames over the window, and sets the percentiles against the frame time (1 / frames sent a second); the
/// target is ≤ 1.5 frame times. Not a BenchmarkDotNet suite: one measurement is one browser session. Usage:
/// <c>dotnet run -c Release --project perf -- pose-to-photon [--size 256] [--seconds 20]</c>.
/// </summary>
internal static class PoseToPhoton
{
    private const string Histogram = "portraitstream_pose_to_photon_seconds";
    private const double Target = 1.5;

    // The tracker's start-up and the first CPU renders are not what this measures.
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
        await Task.Delay(WarmUp);

        using var http = new HttpClient();
        var before = await PrometheusScrape.ReadAsync(http, server.Address);
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        var after = await PrometheusScrape.ReadAsync(http, server.Address);

        var sent = after.Sum("portraitstream_frames_sent") - before.Sum("portraitstream_frames_sent");
        var posed = after.Sum(Histogram + "_count") - before.Sum(Histogram + "_count");
        var frameMs = sent > 0 ? 1000.0 * seconds / sent : double.NaN;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"pose-to-photon, {size}² live stereo, {seconds} s after a {WarmUp.TotalSeconds} s warm-up: {sent} frames sent ({sent / seconds:F1} fps, frame time {frameMs:F1} ms), {posed} of them posed"));
        foreach (var quantile in new[] { 0.5, 0.95 })
        {
            var ms = 1000 * after.QuantileSince(before, Histogram, quantile);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"p{quantile * 100:0}: {ms:F1} ms = {ms / frameMs:F2} frame times (target ≤ {Target})"));
        }
        return 0;
    }
}
