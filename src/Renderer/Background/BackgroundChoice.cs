using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// A <see cref="BackgroundSetting"/> ready to composite: for <see cref="BackgroundMode.Image"/> the picture, read and
/// checked once (not per frame) by whoever chose it, shrunk so that its shorter side is at most the largest output it
/// will fill, and the <see cref="ImageResampler"/> that shrank it, which <see cref="BackgroundComposer"/> fits it to
/// each output size with.
/// </summary>
public sealed record BackgroundChoice
{
    private BackgroundChoice(BackgroundSetting setting, RgbImage? backdrop, ImageResampler? resampler) =>
        (Setting, Backdrop, Resampler) = (setting, backdrop, resampler);

    public BackgroundSetting Setting { get; }

    /// <summary>The picture of an image background; null for the other modes.</summary>
    public RgbImage? Backdrop { get; }

    /// <summary>How <see cref="Backdrop"/> is resampled; null for the other modes.</summary>
    internal ImageResampler? Resampler { get; }

    public static BackgroundChoice Keep { get; } = new(BackgroundSetting.Keep, null, null);

    /// <summary>A choice that needs no file: every mode but <see cref="BackgroundMode.Image"/>.</summary>
    public static BackgroundChoice Of(BackgroundSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Mode == BackgroundMode.Image
            ? throw new ArgumentException("an image background needs its picture: use BackgroundChoice.WithBackdrop", nameof(setting))
            : new BackgroundChoice(setting, null, null);
    }

    /// <summary>
    /// An image background with its picture, scaled down (never up) through <paramref name="resampler"/> so that its
    /// shorter side is <paramref name="maxSide"/>: cover-fitting fills the output with the shorter side, so more
    /// pixels would never be seen, and a session keeps ≤ maxSide² · aspect bytes instead of a 40 MP photo.
    /// </summary>
    public static BackgroundChoice WithBackdrop(BackgroundSetting setting, RgbImage picture, int maxSide, ImageResampler resampler)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentNullException.ThrowIfNull(resampler);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        return setting.Mode == BackgroundMode.Image
            ? new BackgroundChoice(setting, ShrinkTo(picture, maxSide, resampler), resampler)
            : throw new ArgumentException($"background {setting} takes no picture", nameof(setting));
    }

    private static RgbImage ShrinkTo(RgbImage picture, int maxSide, ImageResampler resampler)
    {
        var scale = (float)maxSide / Math.Min(picture.Width, picture.Height);
        if (scale >= 1f)
        {
            return picture;
        }
        var shrunk = new RgbImage(Math.Max(1, (int)MathF.Round(picture.Width * scale)), Math.Max(1, (int)MathF.Round(picture.Height * scale)));
        resampler(picture, shrunk, new AffineTransform2D((float)picture.Width / shrunk.Width, 0, 0, (float)picture.Height / shrunk.Height, 0, 0));
        return shrunk;
    }
}
