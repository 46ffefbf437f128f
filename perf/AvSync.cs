using System.Globalization;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Perf;

/// <summary>
/// Audio/video offset end to end (issue #14): the real server, headless Chromium whose fake camera and microphone play
/// the flash-and-beep clip (<see cref="AvSyncClip"/>), and web/av-sync.js timing each beep against its flash in the
/// local preview and in what comes back. The returned offset minus the local one is what the server, the network and
/// the browser's playout add; the target (ITU-R BT.1359) is at most 45 ms ahead (negative) or 125 ms behind. Usage:
/// <c>dotnet run -c Release --project perf -- av-sync [--pipeline] [--pairs 20]</c>.
/// </summary>
internal static class AvSync
{
    // The first pairs come while the video's latency settles from its cold start; the audio delay follows it, smoothed.
    private const int WarmUp = 3;

    // Two seconds a pair, and a pipeline's cold start on a loaded machine.
    private static readonly TimeSpan ExtraDeadline = TimeSpan.FromSeconds(120);

    public static async Task<int> RunAsync(string[] args)
    {
        bool pipeline = args.Contains("--pipeline");
        int pairs = args.SkipWhile(a => a != "--pairs").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(20);
        string[] serverArguments = pipeline ? ["--Pipeline:DefaultSize", "256"] : ["--Mode", "echo"];
        await using var server = await TestServer.StartAsync(serverArguments);
        await using var browser = await TestBrowser.OpenAsync(server.Address + (pipeline ? "/" : "/echo.html" + AvSyncPage.EchoQuery),
            AvSyncClip.Video, AvSyncClip.BrowserArguments);
        if (pipeline)
        {
            await browser.Page.EvaluateAsync("window.portrait.start()");
            await browser.Page.WaitForFunctionAsync("window.portrait.frames > 0", null, new() { Timeout = (float)ExtraDeadline.TotalMilliseconds });
            await AvSyncPage.StartOnProductPageAsync(browser);
        }
        else
        {
            await browser.Page.EvaluateAsync("start()");
        }

        var deadline = ExtraDeadline + TimeSpan.FromSeconds(AvSyncClip.PeriodSeconds * (pairs + WarmUp));
        var loops = await AvSyncPage.WaitForLoopsAsync(browser, pairs + WarmUp, WarmUp, deadline);
        double added = AvSyncPage.Median(loops.Select(loop => loop.Added));
        Console.WriteLine($"{(pipeline ? "pipeline, 256² live" : "echo")}: {pairs} flash/beep pairs after {WarmUp} warm-up pairs, each returned pair beside the local one of its loop (positive: sound after picture)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"local (fake devices) offset, ms: [{string.Join(" ", loops.Select(loop => loop.Local.ToString("F0", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"returned offset, ms: [{string.Join(" ", loops.Select(loop => loop.Remote.ToString("F0", CultureInfo.InvariantCulture)))}]"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"added by the server path: median {added:F0} ms of [{string.Join(" ", loops.Select(loop => loop.Added.ToString("F0", CultureInfo.InvariantCulture)))}] (target −45…+125)"));
        return 0;
    }
}
