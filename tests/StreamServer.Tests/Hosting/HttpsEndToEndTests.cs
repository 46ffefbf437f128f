using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using PortraitStream.Server.Tests.EndToEnd;
using PortraitStream.Server.Tests.Hosting.Auth;
using Xunit.Abstractions;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>
/// The page from "another machine": the server on HTTPS (Kestrel with a certificate made here) at this machine's
/// network address, behind a token, and real headless Chromium opening it there. Browsers give the camera only to
/// secure contexts, which a non-loopback http:// page is not. Chromium trusts exactly this certificate
/// (<c>--ignore-certificate-errors-spki-list</c> with its key's pin), not every certificate. The page shows the
/// server's 401 for a wrong token, then streams with the right one.
/// </summary>
[Collection(nameof(NativeHandleCounting))]
public sealed class HttpsEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Page_OverHttps_OnANetworkAddress_WithTheToken_Streams()
    {
        var address = NetworkAddress();
        output.WriteLine($"serving on {address}");
        using var certificate = TestCertificate.Create(address);
        var host = address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        await using var server = await TestServer.StartAsync($"https://{host}:0", null,
            [.. PortraitEndToEndTests.ServerArguments, "--Auth:Token", TokenServerFixture.Token, .. certificate.KestrelArguments]);
        Assert.StartsWith("https://", server.Address, StringComparison.Ordinal);

        await using var browser = await PortraitBrowser.OpenAsync(server.Address, page: "/#token=wrong-token-of-some-length",
            browserArguments: [$"--ignore-certificate-errors-spki-list={certificate.SpkiPin}"]);
        Assert.True((await browser.EvaluateAsync("window.isSecureContext && location.protocol === 'https:'")).GetBoolean());
        // The page took the token from the fragment into its field and wiped it from the address bar.
        Assert.Equal("", (await browser.EvaluateAsync("location.hash")).GetString());
        Assert.Equal("wrong-token-of-some-length", (await browser.EvaluateAsync("document.getElementById('token').value")).GetString());

        await browser.EvaluateAsync("document.getElementById('start').click(), true");
        await browser.WaitForAsync("window.portrait.error !== null", TimeSpan.FromSeconds(20), "the 401 message");
        Assert.Contains("refused this access token (401 Unauthorized)", (await browser.EvaluateAsync("document.getElementById('message').textContent")).GetString(), StringComparison.Ordinal);

        await browser.EvaluateAsync($"document.getElementById('token').value = '{TokenServerFixture.Token}', document.getElementById('start').click(), true");
        await browser.WaitForFramesAsync(10);
        Assert.Equal("connected", (await browser.StateAsync()).GetProperty("connection").GetString());
    }

    /// <summary>This machine's first non-loopback address (what another machine would reach), else loopback.</summary>
    private static IPAddress NetworkAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
        ?? IPAddress.Loopback;
}
