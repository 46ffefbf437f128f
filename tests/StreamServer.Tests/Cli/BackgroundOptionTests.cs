using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Cli;

namespace PortraitStream.Server.Tests.Cli;

/// <summary>Reading an image background for render and render-video: the file's problems are errors naming the file, a big picture is shrunk once.</summary>
public sealed class BackgroundOptionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("background-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<BackgroundChoice> Load(string path, int size = 512) =>
        BackgroundOption.LoadAsync(BackgroundSetting.Image(path), size, CancellationToken.None);

    [Fact]
    public async Task MissingFile_NamesTheFile()
    {
        var path = Path.Combine(_dir, "missing.png");
        var error = await Assert.ThrowsAsync<ImageIoException>(() => Load(path));
        Assert.Equal($"background image {path}: file not found", error.Message);
    }

    [Fact]
    public async Task UnreadableFile_NamesTheFile()
    {
        var path = Path.Combine(_dir, "notes.png");
        await File.WriteAllTextAsync(path, "not a picture");
        var error = await Assert.ThrowsAsync<ImageIoException>(() => Load(path));
        Assert.StartsWith($"background image {path}: not a readable image", error.Message, StringComparison.Ordinal);
    }

    /// <summary>One pixel wider than <see cref="ImageLimits.Default"/> allows: refused from the header, before decoding.</summary>
    [Fact]
    public async Task OversizedFile_NamesTheFileAndTheLimit()
    {
        var path = Path.Combine(_dir, "wide.png");
        await ImageFiles.WritePngAsync(new RgbImage(ImageLimits.Default.MaxSide + 1, 2), path);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => Load(path));
        Assert.Equal($"background image {path}: image is 8193×2, over the limit of 8192 px a side and 40 MP", error.Message);
    }

    [Fact]
    public async Task BigPicture_IsShrunkToTheOutput_KeepingItsAspect()
    {
        var path = Path.Combine(_dir, "wide.png");
        await ImageFiles.WritePngAsync(new RgbImage(200, 100), path);
        var choice = await Load(path, size: 50);
        Assert.Equal((100, 50), (choice.Backdrop!.Width, choice.Backdrop.Height));
        Assert.Equal("image:" + path, choice.Setting.ToString());
    }

    [Fact]
    public async Task OtherModes_ReadNothing()
    {
        var choice = await BackgroundOption.LoadAsync(BackgroundSetting.Blur, 512, CancellationToken.None);
        Assert.Equal(BackgroundSetting.Blur, choice.Setting);
        Assert.Null(choice.Backdrop);
    }
}
