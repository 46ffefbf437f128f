namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// SetStyle and Styles over the real hub and WebSocket, as a page (or a hostile script) calls them: every style name is
/// accepted in any case, every other value refused in one sentence that lists the names.
/// </summary>
public sealed class StreamHubStyleTests : EchoServerHubTests
{
    private const string Listed = "styles: none, toon, outline, hologram, sketch";

    [Theory]
    [InlineData("none")]
    [InlineData("toon")]
    [InlineData("Outline")]
    [InlineData("HOLOGRAM")]
    [InlineData("sketch")]
    public async Task EachStyle_IsAccepted(string style)
    {
        Assert.Null(await Hub.InvokeAsync("SetStyle", style));
    }

    [Theory]
    [InlineData(null, "SetStyle: a style name is required; " + Listed)]
    [InlineData("", "SetStyle: a style name is required; " + Listed)]
    [InlineData("watercolour", "SetStyle: unknown style \"watercolour\"; " + Listed)]
    [InlineData("1", "SetStyle: unknown style \"1\"; " + Listed)]
    [InlineData(" toon", "SetStyle: unknown style \" toon\"; " + Listed)]
    public async Task BadName_IsRefusedSayingWhy(string? style, string expected)
    {
        var error = await Hub.InvokeAsync("SetStyle", style);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LongName_IsCutInTheEcho()
    {
        var error = await Hub.InvokeAsync("SetStyle", new string('x', 60_000));

        Assert.NotNull(error);
        Assert.Contains(new string('x', ClientText.MaxEcho) + "…", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, $"{error.Length} characters");
    }

    [Fact]
    public async Task Styles_ListsEveryStyle_NoneFirst()
    {
        var names = await Hub.ResultAsync("Styles");
        Assert.Equal(["none", "toon", "outline", "hologram", "sketch"], names.EnumerateArray().Select(n => n.GetString()));
    }
}
