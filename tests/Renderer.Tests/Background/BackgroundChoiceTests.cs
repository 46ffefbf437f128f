using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;

namespace PortraitStream.Renderer.Tests.Background;

/// <summary>Reading an image background: the file's problems are errors naming the file, a big picture is shrunk once.</summary>
public sealed class BackgroundChoiceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("background-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Task<BackgroundChoice> Load(string path, ImageLimits? limits = null, int maxSide = 512) =>
        BackgroundChoice.LoadAsync(BackgroundSetting.Image(path), new ImageFiles(limits), maxSide);

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

    [Fact]
    public async Task OversizedFile_NamesTheFileAndTheLimit()
    {
        var path = Path.Combine(_dir, "big.png");
        await ImageFiles.WritePngAsync(new RgbImage(64, 40), path);
        var error = await Assert.ThrowsAsync<ImageIoException>(() => Load(path, new ImageLimits { MaxSide = 32, MaxPixels = 1_000_000 }));
        Assert.Equal($"background image {path}: image is 64×40, over the limit of 32 px a side and 1 MP", error.Message);
    }

    [Fact]
    public async Task BigPicture_IsShrunkToTheLargestOutput_KeepingItsAspect()
    {
        var path = Path.Combine(_dir, "wide.png");
        await ImageFiles.WritePngAsync(new RgbImage(200, 100), path);
        var choice = await Load(path, maxSide: 50);
        Assert.Equal((100, 50), (choice.Backdrop!.Width, choice.Backdrop.Height));
        Assert.Equal("image:" + path, choice.Setting.ToString());
    }

    [Fact]
    public async Task OtherModes_ReadNothing()
    {
        var choice = await BackgroundChoice.LoadAsync(BackgroundSetting.Blur, new ImageFiles(), 512);
        Assert.Null(choice.Backdrop);
        Assert.Throws<ArgumentException>(() => BackgroundChoice.Of(BackgroundSetting.Image("x.png")));
    }
}
