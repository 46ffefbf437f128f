using PortraitStream.Inference.Imaging;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// A <see cref="BackgroundSetting"/> ready to composite: for <see cref="BackgroundMode.Image"/> the picture, read and
/// checked once (not per frame) and shrunk so that its shorter side is at most the largest output it will fill.
/// </summary>
public sealed record BackgroundChoice
{
    private BackgroundChoice(BackgroundSetting setting, RgbImage? backdrop) => (Setting, Backdrop) = (setting, backdrop);

    public BackgroundSetting Setting { get; }

    /// <summary>The picture of an image background; null for the other modes.</summary>
    public RgbImage? Backdrop { get; }

    public static BackgroundChoice Keep { get; } = new(BackgroundSetting.Keep, null);

    /// <summary>A choice that needs no file: every mode but <see cref="BackgroundMode.Image"/>.</summary>
    public static BackgroundChoice Of(BackgroundSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return setting.Mode == BackgroundMode.Image
            ? throw new ArgumentException("an image background needs its picture: use BackgroundChoice.LoadAsync or WithBackdrop", nameof(setting))
            : new BackgroundChoice(setting, null);
    }

    /// <summary>An image background with a picture already in memory (shrunk like <see cref="LoadAsync"/>'s).</summary>
    public static BackgroundChoice WithBackdrop(BackgroundSetting setting, RgbImage picture, int maxSide)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSide);
        return setting.Mode == BackgroundMode.Image
            ? new BackgroundChoice(setting, ShrinkTo(picture, maxSide))
            : throw new ArgumentException($"background {setting} takes no picture", nameof(setting));
    }

    /// <summary>
    /// <paramref name="setting"/> ready to composite; an image is read through <paramref name="io"/>, whose
    /// <see cref="ImageLimits"/> refuse an oversized one before it is decoded. A missing, unreadable or oversized file
    /// is an <see cref="ImageIoException"/> whose message names the file (and the limit it breaks).
    /// </summary>
    public static async Task<BackgroundChoice> LoadAsync(BackgroundSetting setting, ImageFiles io, int maxSide, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(io);
        if (setting.Mode != BackgroundMode.Image)
        {
            return Of(setting);
        }

        RgbImage picture;
        try
        {
            picture = await io.ReadAsync(setting.ImagePath!, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ImageIoException e)
        {
            throw new ImageIoException($"background image {e.Message}", e);
        }
        return WithBackdrop(setting, picture, maxSide);
    }

    /// <summary>
    /// The picture scaled down (never up) so that its shorter side is <paramref name="maxSide"/>: cover-fitting fills
    /// the output with the shorter side, so more pixels would never be seen, and a session keeps ≤ maxSide² · aspect
    /// bytes instead of a 40 MP photo.
    /// </summary>
    private static RgbImage ShrinkTo(RgbImage picture, int maxSide)
    {
        var scale = (float)maxSide / Math.Min(picture.Width, picture.Height);
        if (scale >= 1f)
        {
            return picture;
        }
        var shrunk = new RgbImage(Math.Max(1, (int)MathF.Round(picture.Width * scale)), Math.Max(1, (int)MathF.Round(picture.Height * scale)));
        ImageWarp.Warp(picture, shrunk, new AffineTransform2D((float)picture.Width / shrunk.Width, 0, 0, (float)picture.Height / shrunk.Height, 0, 0));
        return shrunk;
    }
}
