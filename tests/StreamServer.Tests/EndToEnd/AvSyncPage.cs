using System.Diagnostics;
using System.Text.Json;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// web/av-sync.js on a page whose fake devices play <see cref="AvSyncClip"/>: starting it on the product page (echo.html
/// starts it itself with <see cref="EchoQuery"/>), waiting for paired beeps and reading the offsets back.
/// </summary>
internal static class AvSyncPage
{
    /// <summary>echo.html's query that sends the microphone and measures.</summary>
    public const string EchoQuery = "?audio&avsync";

    /// <summary>Loads web/av-sync.js into the product page and measures its camera preview against its rendered view.</summary>
    public static Task StartOnProductPageAsync(IScriptedPage page) => page.EvaluateAsync("""
        new Promise((loaded, failed) => {
          const script = Object.assign(document.createElement('script'), { src: '/av-sync.js' });
          const $ = id => document.getElementById(id);
          script.onload = () => { measureAvSync($('local'), $('local').srcObject, $('remote'), $('remote').srcObject); loaded(true); };
          script.onerror = () => failed(new Error('/av-sync.js did not load'));
          document.head.append(script);
        })
        """);

    /// <summary>
    /// Waits until <paramref name="loops"/> returned beeps are paired with flashes and with the local pair of the same
    /// loop of the clip, then returns those after the first <paramref name="skip"/>. Loop by loop, because the local
    /// offset is not constant: on a loaded machine the fake camera falls behind the fake microphone by tens of ms a loop,
    /// so two sides' offsets from different loops (one side missed a flash, or started a loop later) differ by that drift.
    /// </summary>
    public static async Task<AvSyncLoop[]> WaitForLoopsAsync(IScriptedPage page, int loops, int skip, TimeSpan deadline)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var sync = await page.EvaluateAsync("window.avSync") ?? throw new InvalidOperationException("web/av-sync.js is not running on the page");
            if (sync.GetProperty("error").GetString() is { } error)
            {
                throw new InvalidOperationException($"web/av-sync.js failed: {error}");
            }

            var matched = Match(Pairs(sync, "local"), Pairs(sync, "remote"));
            if (matched.Length >= loops)
            {
                return matched[skip..];
            }

            if (waited.Elapsed > deadline)
            {
                throw new TimeoutException($"no {loops} returned beeps paired with flashes and with their local pair within {deadline}: {sync}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Each returned pair with the local pair of its loop: the latest local beep less than a period before the
    /// returned one (the sound's way through the server is shorter than the clip's 2 s period: tens of ms in echo mode,
    /// in the pipeline the video's latency, which a loaded machine stretches to a second or more and the audio delay
    /// caps at 2 s). A returned pair whose local beep found no flash is left out: the local pair before it is a period
    /// further back.
    /// </summary>
    private static AvSyncLoop[] Match((double Beep, double Offset)[] local, (double Beep, double Offset)[] remote)
    {
        double window = AvSyncClip.PeriodSeconds * 1000;
        return [.. remote.SelectMany(returned => local
            .Where(own => own.Beep <= returned.Beep && returned.Beep - own.Beep < window)
            .OrderByDescending(own => own.Beep)
            .Take(1)
            .Select(own => new AvSyncLoop(own.Offset, returned.Offset)))];
    }

    private static (double Beep, double Offset)[] Pairs(JsonElement sync, string side) =>
        [.. sync.GetProperty(side).EnumerateArray().Select(e => (e.GetProperty("beep").GetDouble(), e.GetProperty("offset").GetDouble()))];

    /// <summary>The middle value (the upper middle of an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}

