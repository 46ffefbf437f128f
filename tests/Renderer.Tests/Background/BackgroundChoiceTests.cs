using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Tests.Background;

/// <summary>An image background's picture is shrunk once, to the largest output; the other modes take none.</summary>
public sealed class BackgroundChoiceTests
{
    [Fact]
    public void BigPicture_IsShrunkToTheLargestOutput_KeepingItsAspect()
    {
        var choice = BackgroundChoice.WithBackdrop(BackgroundSetting.Image("wide.png"), new RgbImage(200, 100), maxSide: 50, ImageWarp.Warp);
        Assert.Equal((100, 50), (choice.Backdrop!.Width, choice.Backdrop.Height));
        Assert.Equal("image:wide.png", choice.Setting.ToString());
    }

    [Fact]
    public void SmallPicture_IsKeptAsItIs()
    {
        var picture = new RgbImage(40, 30);
        Assert.Same(picture, BackgroundChoice.WithBackdrop(BackgroundSetting.Image("small.png"), picture, maxSide: 50, ImageWarp.Warp).Backdrop);
    }

    [Fact]
    public void OtherModes_TakeNoPicture()
    {
        Assert.Null(BackgroundChoice.Of(BackgroundSetting.Blur).Backdrop);
        Assert.Throws<ArgumentException>(() => BackgroundChoice.Of(BackgroundSetting.Image("x.png")));
        Assert.Throws<ArgumentException>(() => BackgroundChoice.WithBackdrop(BackgroundSetting.Blur, new RgbImage(4, 4), maxSide: 50, ImageWarp.Warp));
    }
}
