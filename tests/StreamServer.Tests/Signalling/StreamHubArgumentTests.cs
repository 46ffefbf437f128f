using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// Regression for issue #17 finding 6: <c>SetModel(null)</c> answered "Value cannot be null. (Parameter 'key')" and
/// a 60 KB model name came back whole in the error. Hub refusals are in the product's words and echo at most
/// <see cref="ClientText.MaxEcho"/> characters of what the client sent. The real hub over a real WebSocket.
/// </summary>
public sealed class StreamHubArgumentTests
{
    [Theory]
    [InlineData("SetModel", "SetModel: a model name is required")]
    [InlineData("SetPreset", "SetPreset: a preset name is required")]
    [InlineData("Offer", "Offer rejected (Malformed)")]
    public async Task NullName_IsRefusedInTheProductsWords(string method, string expected)
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var hub = await RawHubClient.ConnectAsync(server.Address);

        var error = await hub.InvokeAsync(method, [null]);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SetModel")]
    [InlineData("SetPreset")]
    public async Task LongName_IsCutInTheEcho(string method)
    {
        await using var server = await TestServer.StartEchoAsync();
        await using var hub = await RawHubClient.ConnectAsync(server.Address);

        var error = await hub.InvokeAsync(method, new string('x', 60_000));

        Assert.NotNull(error);
        Assert.Contains(new string('x', ClientText.MaxEcho) + "…", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, $"{error.Length} characters");
    }
}
