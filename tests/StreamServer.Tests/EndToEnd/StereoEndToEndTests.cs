using PortraitStream.Server.Media.Codecs.Native;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Stereo end to end in headless Chromium: the page's Stereo toggle (SetStereo) turns the received video into a 2:1
/// side-by-side frame and back; an IPD out of the human range, or not a number, is refused with a clear error while the
/// session keeps streaming its mono view.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class StereoEndToEndTests
{
    private const int Size = 128;

    [Fact]
    public async Task StereoToggle_SendsSideBySideFrames_BadIpdIsRefused()
    {
        await using var server = await TestServer.StartAsync(["--Pipeline:DefaultSize", $"{Size}"]);
        await using var browser = await PortraitBrowser.OpenAsync(server.Address);
        await browser.StartAsync();
        await browser.WaitForFramesAsync(5);

        (object?[] Arguments, string Expected)[] refused =
        [
            ([true, 20], "SetStereo: stereo: IPD 20 mm is outside 40…80 mm"),
            ([true, 1e300], "outside 40…80 mm"),
            ([true, null], ""), // NaN travels as null in JSON: a binding failure
        ];
        foreach (var (arguments, expected) in refused)
        {
            var (ok, error) = await browser.CallAsync("SetStereo", arguments);
            Assert.False(ok, $"SetStereo({string.Join(", ", arguments)}) was accepted");
            Assert.Contains(expected, error ?? "", StringComparison.Ordinal);
        }
        Assert.Equal(Size, (await browser.StateAsync()).GetProperty("width").GetInt32());

        await browser.EvaluateAsync("(document.getElementById('stereo').click(), true)");
        await browser.WaitForAsync($"window.portrait.width === {2 * Size} && window.portrait.height === {Size}", PortraitBrowser.FrameDeadline,
            "2:1 side-by-side frames");
        Assert.True(await browser.EvaluateAsync("document.getElementById('remote').classList.contains('stereo')") is { ValueKind: System.Text.Json.JsonValueKind.True });

        await browser.EvaluateAsync("(document.getElementById('stereo').click(), true)");
        await browser.WaitForAsync($"window.portrait.width === {Size} && window.portrait.height === {Size}", PortraitBrowser.FrameDeadline,
            "square mono frames again");
        Assert.Equal(1, server.Sessions.Count);
    }
}
