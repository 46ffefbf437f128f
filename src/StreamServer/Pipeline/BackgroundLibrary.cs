using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Background;
using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline;

/// <summary>
/// The pictures a browser may choose as its background (<c>SetBackground("image:NAME")</c>): the image files directly
/// inside <see cref="PipelineOptions.BackgroundsDirectory"/>, by file name. A browser names a picture, never a path:
/// only names this folder lists are accepted, links are not listed, so no value sent from a page can make the server
/// read any other file (or probe which files exist). Each picture is read once, checked against
/// <see cref="ImageLimits"/>, shrunk to the largest live output and shared by every session that picks it; a file
/// changed on disk is read again.
/// </summary>
internal sealed class BackgroundLibrary(IOptions<PipelineOptions> options)
{
    /// <summary>File types listed (what ffmpeg decodes as stills); compared ignoring case.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".jpg", ".jpeg", ".png", ".webp", ".bmp"];

    /// <summary>At most this many names are listed, so a huge folder cannot make every call slow.</summary>
    public const int MaxListed = 200;

    /// <summary>Names an error message quotes before "…".</summary>
    private const int MaxNamed = 10;

    private readonly ConcurrentDictionary<string, (DateTime Written, long Length, Lazy<Task<BackgroundChoice>> Choice)> _loaded =
        new(StringComparer.Ordinal);

    /// <summary>The picture names SetBackground accepts now (the folder is read again on every call, so new pictures appear).</summary>
    public IReadOnlyList<string> Names()
    {
        var root = options.Value.BackgroundsDirectory;
        if (!Directory.Exists(root))
        {
            return [];
        }
        return Directory.EnumerateFiles(root)
            .Where(path => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase)
                           && (File.GetAttributes(path) & FileAttributes.ReparsePoint) == 0)
            .Select(Path.GetFileName).OfType<string>()
            .Order(StringComparer.Ordinal)
            .Take(MaxListed)
            .ToList();
    }

    /// <summary>
    /// <paramref name="setting"/> ready to composite. For <c>image:NAME</c>, NAME must be one of <see cref="Names"/>;
    /// otherwise, and for a picture that cannot be read or is too big, an <see cref="ArgumentException"/> in words a
    /// browser may see (the picture's name, never the server's path).
    /// </summary>
    public async Task<BackgroundChoice> ResolveAsync(BackgroundSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        if (setting.Mode != BackgroundMode.Image)
        {
            return BackgroundChoice.Of(setting);
        }

        var name = setting.ImagePath!;
        var names = Names();
        if (!names.Contains(name, StringComparer.Ordinal))
        {
            var listed = names.Count == 0 ? "none (the server's backgrounds folder is empty)"
                : string.Join(", ", names.Take(MaxNamed)) + (names.Count > MaxNamed ? ", …" : "");
            throw new ArgumentException($"no background image \"{ClientText.Printable(name)}\" on this server; images: {listed}");
        }

        var file = new FileInfo(Path.Combine(options.Value.BackgroundsDirectory, name));
        var entry = _loaded.AddOrUpdate(name,
            _ => Load(file, setting),
            (_, old) => old.Written == file.LastWriteTimeUtc && old.Length == file.Length ? old : Load(file, setting));
        try
        {
            return await entry.Choice.Value.ConfigureAwait(false);
        }
        catch (ImageIoException e)
        {
            _loaded.TryRemove(new KeyValuePair<string, (DateTime, long, Lazy<Task<BackgroundChoice>>)>(name, entry)); // a fixed file can be tried again
            throw new ArgumentException($"background image {e.Message.Replace(file.FullName, name, StringComparison.Ordinal)}", e);
        }
    }

    private static (DateTime, long, Lazy<Task<BackgroundChoice>>) Load(FileInfo file, BackgroundSetting setting) => (file.LastWriteTimeUtc, file.Length,
        new Lazy<Task<BackgroundChoice>>(async () => BackgroundChoice.WithBackdrop(setting,
            await new ImageFiles().ReadAsync(file.FullName).ConfigureAwait(false), RenderQuality.Sizes.Max(), ImageWarp.Warp)));
}
