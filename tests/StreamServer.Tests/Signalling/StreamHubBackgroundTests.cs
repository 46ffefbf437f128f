using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Tests.EndToEnd;

namespace PortraitStream.Server.Tests.Signalling;

/// <summary>
/// SetBackground and Backgrounds over the real hub and WebSocket, as a page (or a hostile script) calls them: every
/// form is accepted, every bad value refused in one sentence, and image: only names a picture in the server's folder.
/// </summary>
public sealed class StreamHubBackgroundTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("hub-backgrounds-").FullName;
    private TestServer _server = null!;
    private RawHubClient _hub = null!;

    public async Task InitializeAsync()
    {
        await ImageFiles.WritePngAsync(new RgbImage(32, 16), Path.Combine(_dir, "room.png"));
        _server = await TestServer.StartAsync("--Mode", "echo", "--Pipeline:BackgroundsDirectory", _dir);
        _hub = await RawHubClient.ConnectAsync(_server.Address);
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("keep")]
    [InlineData("blur")]
    [InlineData("remove")]
    [InlineData("color:#00FF00")]
    [InlineData("image:room.png")]
    public async Task EachForm_IsAccepted(string background)
    {
        Assert.Null(await _hub.InvokeAsync("SetBackground", background));
    }

    [Theory]
    [InlineData(null, "SetBackground: a background is required: keep, blur, remove, color:#RRGGBB or image:PATH")]
    [InlineData("fog", "SetBackground: unknown background \"fog\": use keep, blur, remove, color:#RRGGBB or image:PATH")]
    [InlineData("color:#12", "SetBackground: background colour \"#12\" is not #RRGGBB")]
    [InlineData("image:", "SetBackground: background image: a path is required (image:PATH)")]
    [InlineData("image:/etc/passwd", "SetBackground: no background image \"/etc/passwd\" on this server; images: room.png")]
    [InlineData("image:../room.png", "SetBackground: no background image \"../room.png\" on this server; images: room.png")]
    public async Task BadValue_IsRefusedSayingWhy(string? background, string expected)
    {
        var error = await _hub.InvokeAsync("SetBackground", background);

        Assert.NotNull(error);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", error, StringComparison.Ordinal);
        Assert.DoesNotContain(_dir, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("color:")]
    [InlineData("image:")]
    public async Task LongValue_IsCutInTheEcho(string prefix)
    {
        var error = await _hub.InvokeAsync("SetBackground", prefix + new string('x', 60_000));

        Assert.NotNull(error);
        Assert.Contains(new string('x', ClientText.MaxEcho) + "…", error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, $"{error.Length} characters");
    }

    [Fact]
    public async Task Backgrounds_ListsTheServersPictures()
    {
        var names = await _hub.ResultAsync("Backgrounds");
        Assert.Equal(["room.png"], names.EnumerateArray().Select(n => n.GetString()));
    }
}
