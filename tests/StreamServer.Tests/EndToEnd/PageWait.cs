using System.Diagnostics;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>Polls a page until a JavaScript condition holds; a timeout fails with the page state it names.</summary>
internal static class PageWait
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Waits until <paramref name="condition"/> holds on <paramref name="page"/>, or fails showing <paramref name="stateExpression"/>.</summary>
    public static async Task ForAsync(IScriptedPage page, string condition, string stateExpression, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? PortraitBrowser.FrameDeadline;
        var waited = Stopwatch.StartNew();
        while (!(await page.EvaluateAsync($"!!({condition})"))!.Value.GetBoolean())
        {
            if (waited.Elapsed > limit)
            {
                Assert.Fail($"no {what} within {limit}: {await page.EvaluateAsync(stateExpression)}");
            }

            await Task.Delay(PollInterval);
        }
    }
}
