using Microsoft.Extensions.Options;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Pipeline;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// The server reads background pictures from its own folder only, by file name: nothing a browser sends is a path.
/// A real folder with real PNGs (written through ffmpeg).
/// </summary>
public sealed class BackgroundLibraryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("backgrounds-").FullName;
    private readonly BackgroundLibrary _library;

    public BackgroundLibraryTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "pictures"));
        _library = new BackgroundLibrary(Options.Create(new PipelineOptions { BackgroundsDirectory = Path.Combine(_dir, "pictures") }));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Picture(string name) => Path.Combine(_dir, "pictures", name);

    private static Task Png(string path, int width = 8, int height = 8) => ImageFiles.WritePngAsync(new RgbImage(width, height), path);

    [Fact]
    public async Task Names_AreTheFoldersPictures_NotOtherFilesFoldersOrLinks()
    {
        await Png(Picture("room.png"));
        await Png(Picture("Beach.JPG"));
        await File.WriteAllTextAsync(Picture("notes.txt"), "x");
        Directory.CreateDirectory(Picture("sub.png"));
        await Png(Path.Combine(_dir, "outside.png"));
        File.CreateSymbolicLink(Picture("link.png"), Path.Combine(_dir, "outside.png"));

        Assert.Equal(["Beach.JPG", "room.png"], _library.Names());
    }

    [Fact]
    public async Task ListedPicture_IsReadOnce_ShrunkToTheLargestLiveOutput()
    {
        await Png(Picture("wide.png"), 2048, 1024);

        var choice = await _library.ResolveAsync(BackgroundSetting.Parse("image:wide.png"));

        Assert.Equal(BackgroundMode.Image, choice.Setting.Mode);
        Assert.Equal("image:wide.png", choice.Setting.ToString());
        Assert.Equal((1024, 512), (choice.Backdrop!.Width, choice.Backdrop.Height));
        Assert.Same(choice, await _library.ResolveAsync(BackgroundSetting.Parse("image:wide.png")));
    }

    [Fact]
    public async Task ChangedPicture_IsReadAgain()
    {
        await Png(Picture("room.png"), 8, 8);
        var first = await _library.ResolveAsync(BackgroundSetting.Parse("image:room.png"));
        await Png(Picture("room.png"), 16, 8);
        File.SetLastWriteTimeUtc(Picture("room.png"), DateTime.UtcNow.AddMinutes(1));

        var second = await _library.ResolveAsync(BackgroundSetting.Parse("image:room.png"));

        Assert.Equal(16, second.Backdrop!.Width);
        Assert.NotSame(first, second);
    }

    /// <summary>Paths, whether they lead out of the folder or back into it, are not names: refused before any file is opened.</summary>
    [Theory]
    [InlineData("../outside.png")]
    [InlineData("pictures/../../outside.png")]
    [InlineData("/etc/hostname")]
    [InlineData("./room.png")]
    [InlineData("link.png")]
    [InlineData("ROOM.PNG")]
    public async Task AnythingButAListedName_IsRefused(string name)
    {
        await Png(Picture("room.png"));
        await Png(Path.Combine(_dir, "outside.png"));
        File.CreateSymbolicLink(Picture("link.png"), Path.Combine(_dir, "outside.png"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _library.ResolveAsync(BackgroundSetting.Image(name)));
        Assert.Equal($"no background image \"{name}\" on this server; images: room.png", error.Message);
    }

    [Fact]
    public async Task NoFolder_ListsNothing_AndSaysSo()
    {
        var library = new BackgroundLibrary(Options.Create(new PipelineOptions { BackgroundsDirectory = Path.Combine(_dir, "absent") }));

        Assert.Empty(library.Names());
        var error = await Assert.ThrowsAsync<ArgumentException>(() => library.ResolveAsync(BackgroundSetting.Image("room.png")));
        Assert.EndsWith("images: none (the server's backgrounds folder is empty)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A broken picture is named in the refusal by its name; the server's folder is not revealed.</summary>
    [Fact]
    public async Task BrokenPicture_IsRefusedByName()
    {
        await File.WriteAllTextAsync(Picture("broken.png"), "not a picture");

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _library.ResolveAsync(BackgroundSetting.Image("broken.png")));

        Assert.StartsWith("background image broken.png: not a readable image", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(_dir, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherModes_NeedNoFile()
    {
        var choice = await _library.ResolveAsync(BackgroundSetting.Parse("color:#102030"));
        Assert.Equal(new BackgroundColour(0x10, 0x20, 0x30), choice.Setting.Colour);
    }
}
