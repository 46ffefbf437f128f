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
    /// Waits until both sides have <paramref name="pairs"/> beeps paired with flashes, then returns the offsets (ms,
    /// positive: sound after picture) after the first <paramref name="skip"/> of each side.
    /// </summary>
    public static async Task<(double[] Local, double[] Remote)> WaitForOffsetsAsync(IScriptedPage page, int pairs, int skip, TimeSpan deadline)
    {
        var waited = Stopwatch.StartNew();
        JsonElement sync;
        while ((sync = await page.EvaluateAsync("window.avSync") ?? throw new InvalidOperationException("web/av-sync.js is not running on the page"))
            .GetProperty("error").ValueKind == JsonValueKind.Null
            && (sync.GetProperty("local").GetArrayLength() < pairs || sync.GetProperty("remote").GetArrayLength() < pairs))
        {
            if (waited.Elapsed > deadline)
            {
                throw new TimeoutException($"no {pairs} beeps paired with flashes on each side within {deadline}: {sync}");
            }

            await Task.Delay(200);
        }

        if (sync.GetProperty("error").GetString() is { } error)
        {
            throw new InvalidOperationException($"web/av-sync.js failed: {error}");
        }

        double[] Offsets(string side) => [.. sync.GetProperty(side).EnumerateArray().Skip(skip).Select(e => e.GetDouble())];
        return (Offsets("local"), Offsets("remote"));
    }

    /// <summary>The middle value (the upper middle of an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
