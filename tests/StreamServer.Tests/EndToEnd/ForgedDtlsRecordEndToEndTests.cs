using System.Net;
using Xunit.Abstractions;
using PortraitStream.Server.Tests.WebRtc.Dtls;
using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Regression for issue #17 finding 1 with a real browser: once Chromium's session is up, the issue's 29-byte forged
/// application_data record (epoch 1) — and a thousand more forged records — arrive from Chromium's own selected
/// candidate address. Before the fix the first one closed the session ("DTLS record layer failed (SSL_get_error 5)");
/// now they are discarded (RFC 6347 §4.1.2.7) and the echoed video keeps playing.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class ForgedDtlsRecordEndToEndTests(ITestOutputHelper output)
{
    private const int Forged = 1000;

    [Fact]
    public async Task Rfc6347_4_1_2_7_Chromium_ForgedRecordsFromTheBrowsersAddress_VideoKeepsPlaying()
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var browser = await EchoBrowser.OpenAsync(server.Address);
        await browser.StartAsync();
        await WaitForFramesAsync(browser, 10);
        var connectionId = Assert.Single(server.Sessions.SessionIds);
        var before = server.Sessions.GetStats(connectionId)!;
        var browserAddress = Assert.IsType<IPEndPoint>(before.SelectedRemote);
        // The browser runs on this machine, so its candidate's address is one of ours and reaches the server's socket.
        var serverAddress = new IPEndPoint(browserAddress.Address, before.LocalEndPoint.Port);

        using (var spoofer = new SpoofedUdpSender(browserAddress))
        {
            byte[] issueRecord = [0x17, 0xFE, 0xFD, 0x00, 0x01, 9, 8, 7, 6, 5, 4, 0x00, 0x10, .. new byte[16]];
            Random.Shared.NextBytes(issueRecord.AsSpan(DtlsRecordFraming.HeaderLength));
            spoofer.Send(issueRecord, serverAddress);
            for (var i = 1; i < Forged; i++)
            {
                spoofer.Send(DtlsForgedRecordTests.Forge((byte)(20 + i % 4), (ushort)(i % 3), i % 48 - 1, seed: i), serverAddress);
                if (i % 100 == 0)
                {
                    await Task.Delay(5);
                }
            }
        }

        var framesAfterStorm = (await browser.StateAsync()).GetProperty("frames").GetInt32();
        await WaitForFramesAsync(browser, framesAfterStorm + 30);
        var after = server.Sessions.GetStats(Assert.Single(server.Sessions.SessionIds))!;
        output.WriteLine($"before: {before}\nafter: {after}");
        Assert.Equal(connectionId, Assert.Single(server.Sessions.SessionIds));
        Assert.True(after.DtlsDiscarded - before.DtlsDiscarded >= Forged * 9 / 10, after.ToString());
        Assert.Equal(0, after.Faults);
    }

    private static async Task WaitForFramesAsync(EchoBrowser browser, int frames)
    {
        try
        {
            await browser.Page.WaitForFunctionAsync($"window.echo.frames >= {frames} || window.echo.error !== null || window.echo.closedReason !== null",
                null, new() { Timeout = 20_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no {frames} frames within 20 s: {await browser.DiagnosticsAsync()}");
        }
        var state = await browser.StateAsync();
        Assert.True(state.GetProperty("error").ValueKind == System.Text.Json.JsonValueKind.Null, state.ToString());
        Assert.True(state.GetProperty("closedReason").ValueKind == System.Text.Json.JsonValueKind.Null, state.ToString());
    }
}
