using PortraitStream.Renderer.Background;

namespace PortraitStream.Renderer.Tests.Background;

public sealed class BackgroundSettingTests
{
    [Theory]
    [InlineData("keep", BackgroundMode.Keep, "keep")]
    [InlineData("KEEP", BackgroundMode.Keep, "keep")]
    [InlineData("blur", BackgroundMode.Blur, "blur")]
    [InlineData("Remove", BackgroundMode.Remove, "remove")]
    [InlineData("color:#00FF00", BackgroundMode.Color, "color:#00ff00")]
    [InlineData("color:#1a2B3c", BackgroundMode.Color, "color:#1a2b3c")]
    [InlineData("image:/srv/backgrounds/office.jpg", BackgroundMode.Image, "image:/srv/backgrounds/office.jpg")]
    [InlineData("image:My Room.PNG", BackgroundMode.Image, "image:My Room.PNG")]
    public void EachForm_ParsesAndWritesBackTheSame(string text, BackgroundMode mode, string written)
    {
        var setting = BackgroundSetting.Parse(text);

        Assert.Equal(mode, setting.Mode);
        Assert.Equal(written, setting.ToString());
        Assert.Equal(setting, BackgroundSetting.Parse(setting.ToString()));
    }

    [Fact]
    public void Colour_IsReadAsRrGgBb()
    {
        Assert.Equal(new BackgroundColour(0x12, 0xab, 0xef), BackgroundSetting.Parse("color:#12abef").Colour);
    }

    [Fact]
    public void ImagePath_IsKeptAsWritten()
    {
        Assert.Equal("./a/B c.jpg", BackgroundSetting.Parse("image:./a/B c.jpg").ImagePath);
    }

    [Theory]
    [InlineData(null, "a background is required: keep, blur, remove, color:#RRGGBB or image:PATH")]
    [InlineData("", "a background is required: keep, blur, remove, color:#RRGGBB or image:PATH")]
    [InlineData("fog", "unknown background \"fog\": use keep, blur, remove, color:#RRGGBB or image:PATH")]
    [InlineData("keep:please", "unknown background \"keep:please\": use keep")]
    [InlineData("colour:#00ff00", "unknown background \"colour:#00ff00\"")]
    [InlineData("color:#12345", "background colour \"#12345\" is not #RRGGBB")]
    [InlineData("color:00ff00", "background colour \"00ff00\" is not #RRGGBB")]
    [InlineData("color:#00ff0g", "background colour \"#00ff0g\" is not #RRGGBB")]
    [InlineData("color:#+0ff00", "background colour \"#+0ff00\" is not #RRGGBB")]
    [InlineData("color:", "background colour \"\" is not #RRGGBB")]
    [InlineData("image:", "background image: a path is required (image:PATH)")]
    [InlineData("image:  ", "background image: a path is required (image:PATH)")]
    public void BadValue_IsRefusedSayingWhy(string? text, string expected)
    {
        Assert.False(BackgroundSetting.TryParse(text, out _, out var problem));
        Assert.StartsWith(expected, problem, StringComparison.Ordinal);
        var thrown = Assert.Throws<ArgumentException>(() => BackgroundSetting.Parse(text));
        Assert.Equal(problem, thrown.Message);
    }

    [Fact]
    public void Quote_ShowsTheCallersTextItsOwnWay()
    {
        Assert.False(BackgroundSetting.TryParse(new string('x', 5000), out _, out var problem, quote: s => s[..3] + "…"));

        Assert.Equal("unknown background \"xxx…\": use keep, blur, remove, color:#RRGGBB or image:PATH", problem);
    }
}
