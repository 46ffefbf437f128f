namespace PortraitStream.Renderer.Background;

/// <summary>
/// The <c>Background</c> setting as the CLI's <c>--background</c> and the hub's <c>SetBackground</c> spell it:
/// <c>keep</c> (the default), <c>blur</c>, <c>remove</c>, <c>color:#RRGGBB</c> or <c>image:PATH</c>. Mode names are
/// case-insensitive; a path is taken as written. Parsing checks the text only: the image itself is read by whoever
/// makes the <see cref="BackgroundChoice"/> (the CLI's <c>--background</c>, the server's backgrounds folder).
/// </summary>
public sealed record BackgroundSetting
{
    private const string ColorPrefix = "color:";
    private const string ImagePrefix = "image:";

    private BackgroundSetting(BackgroundMode mode, BackgroundColour colour = default, string? imagePath = null) =>
        (Mode, Colour, ImagePath) = (mode, colour, imagePath);

    public BackgroundMode Mode { get; }

    /// <summary>Keep and blur show the camera's room behind the person (a far layer made of the picture around the crop).</summary>
    public bool ShowsRoom => Mode is BackgroundMode.Keep or BackgroundMode.Blur;

    /// <summary>The colour of <see cref="BackgroundMode.Color"/>; default otherwise.</summary>
    public BackgroundColour Colour { get; }

    /// <summary>The path of <see cref="BackgroundMode.Image"/> as written; null otherwise.</summary>
    public string? ImagePath { get; }

    public static BackgroundSetting Keep { get; } = new(BackgroundMode.Keep);
    public static BackgroundSetting Blur { get; } = new(BackgroundMode.Blur);
    public static BackgroundSetting Remove { get; } = new(BackgroundMode.Remove);

    public static BackgroundSetting Color(BackgroundColour colour) => new(BackgroundMode.Color, colour);

    public static BackgroundSetting Image(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new BackgroundSetting(BackgroundMode.Image, imagePath: path);
    }

    /// <summary>The accepted forms, as error messages and help texts list them.</summary>
    public static string Forms => "keep, blur, remove, color:#RRGGBB or image:PATH";

    /// <summary>
    /// Reads <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong in one sentence.
    /// <paramref name="quote"/> shows the caller's text inside that sentence (a server cuts a browser's text short);
    /// by default it appears whole.
    /// </summary>
    public static bool TryParse(string? text, out BackgroundSetting setting, out string? problem, Func<string, string>? quote = null)
    {
        quote ??= s => s;
        (setting, problem) = (Keep, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"a background is required: {Forms}";
            return false;
        }

        if (text.StartsWith(ColorPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var hex = text[ColorPrefix.Length..];
            if (!BackgroundColour.TryParse(hex, out var colour))
            {
                problem = $"background colour \"{quote(hex)}\" is not #RRGGBB (# and six hex digits, e.g. color:#00ff00)";
                return false;
            }
            setting = Color(colour);
            return true;
        }

        if (text.StartsWith(ImagePrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = text[ImagePrefix.Length..];
            if (string.IsNullOrWhiteSpace(path))
            {
                problem = "background image: a path is required (image:PATH)";
                return false;
            }
            setting = Image(path);
            return true;
        }

        BackgroundSetting? named = text.ToLowerInvariant() switch
        {
            "keep" => Keep,
            "blur" => Blur,
            "remove" => Remove,
            _ => null,
        };
        if (named is null)
        {
            problem = $"unknown background \"{quote(text)}\": use {Forms}";
            return false;
        }
        setting = named;
        return true;
    }

    /// <summary><see cref="TryParse"/>, throwing an <see cref="ArgumentException"/> with its problem.</summary>
    public static BackgroundSetting Parse(string? text, Func<string, string>? quote = null) =>
        TryParse(text, out var setting, out var problem, quote) ? setting : throw new ArgumentException(problem);

    /// <summary>The setting as it is written: "keep", "color:#00ff00", "image:PATH".</summary>
    public override string ToString() => Mode switch
    {
        BackgroundMode.Color => ColorPrefix + Colour,
        BackgroundMode.Image => ImagePrefix + ImagePath,
        _ => Mode.ToString().ToLowerInvariant(),
    };
}
