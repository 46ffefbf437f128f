using System.Text.Json;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>One page open in a real browser, driven by JavaScript expressions (Chromium through Playwright, Firefox through WebDriver BiDi).</summary>
internal interface IScriptedPage : IAsyncDisposable
{
    /// <summary>
    /// Evaluates <paramref name="expression"/> in the page, awaits it when it is a promise, and returns the value as
    /// JSON (null for undefined); a script exception fails the call with the page's message.
    /// </summary>
    Task<JsonElement?> EvaluateAsync(string expression);
}
