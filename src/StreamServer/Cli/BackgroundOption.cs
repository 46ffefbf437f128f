using System.CommandLine;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Cli;

/// <summary>
/// `--background keep|blur|remove|color:#RRGGBB|image:PATH` for the commands that render (render, render-video). A
/// malformed value is a usage error (exit code 2, one line); an image that cannot be used is an error (exit code 1)
/// found before anything is encoded or rendered. On the command line any path may be read: it is the user's own
/// machine (the server's hub, unlike this, only takes pictures from its backgrounds folder).
/// </summary>
internal static class BackgroundOption
{
    public static Option<BackgroundSetting> Create(string removeMeans) => new("--background")
    {
        Description = "What shows where the render is transparent: keep (default: the photo's own background as a far layer, " +
                      $"the person's place in it filled), blur, remove ({removeMeans}), color:#RRGGBB, or image:PATH (cover-fitted)",
        DefaultValueFactory = _ => BackgroundSetting.Keep,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (BackgroundSetting.TryParse(text, out var setting, out var problem))
            {
                return setting;
            }
            result.AddError($"--background: {problem}");
            return null;
        },
    };

    /// <summary>
    /// The setting ready to composite; an image is read now (its <see cref="ImageLimits"/> refuse an oversized one
    /// before it is decoded) and shrunk to what an output of <paramref name="size"/>² shows. A missing, unreadable or
    /// oversized file is an <see cref="ImageIoException"/> whose message names the file (and the limit it breaks).
    /// </summary>
    public static async Task<BackgroundChoice> LoadAsync(BackgroundSetting setting, int size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (setting.Mode != BackgroundMode.Image)
        {
            return BackgroundChoice.Of(setting);
        }

        RgbImage picture;
        try
        {
            picture = await new ImageFiles().ReadAsync(setting.ImagePath!, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (ImageIoException e)
        {
            throw new ImageIoException($"background image {e.Message}", e);
        }
        return BackgroundChoice.WithBackdrop(setting, picture, size, ImageWarp.Warp);
    }
}
