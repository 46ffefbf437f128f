using System.Globalization;
using PortraitStream.Inference.Faces.Recognition;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Perf;

/// <summary>The fidelity command's options; <see cref="Parse"/> refuses unknown or malformed ones with an <see cref="ArgumentException"/> naming them.</summary>
internal sealed record FidelityOptions(string Portraits, IReadOnlyList<string> Models, int Size, string Out, string? Images, bool Live = false)
{
    /// <summary>The render styles read besides the unstyled views (every style but none unless --styles says otherwise).</summary>
    public IReadOnlyList<RenderStyle> Styles { get; init; } = Enum.GetValues<RenderStyle>().Where(s => s != RenderStyle.None).ToArray();

    /// <summary>
    /// Further output sizes the unstyled views are rendered and read at (--spread), so that a change can be told from
    /// the pixel grid's own spread: on grace-hopper.jpg a view's identity moves ± 0.01 between 240² and 272² with
    /// nothing else changed (perf/RESULTS-fidelity.md, 2026-12-05).
    /// </summary>
    public IReadOnlyList<int> SpreadSizes { get; init; } = [];

    /// <summary>Read identity at the face's turn as well (--equal-turn: <see cref="EqualTurnIdentity"/>).</summary>
    public bool EqualTurn { get; init; }

    /// <summary>The face descriptor identity is read with (--descriptor): HSE's, on whose scale issue #12 set its targets, by default.</summary>
    public FaceDescriptorModel Descriptor { get; init; } = FaceDescriptorModel.Hse;

    /// <summary>Read each identity as the mean over the pictures as they are and mirrored (--mirror-pairs: <see cref="FaceProbe"/>).</summary>
    public bool MirrorPairs { get; init; }

    /// <summary>Read each turned photo against its mirror image, a real turn of the same face (--mirror-turn: <see cref="MirrorTurn"/>).</summary>
    public bool MirrorTurn { get; init; }

    public const int MinSize = 64;
    public const int MaxSize = 1024;

    public static FidelityOptions Parse(string[] args)
    {
        // The committed portraits: the one the pictures were tuned on and one they were not.
        var portraits = string.Join(',', PortraitScene.CommittedPortrait, Path.Combine(AppContext.BaseDirectory, "data", "grace-hopper.jpg"));
        string[] models = ["relief", "relief-v2"];
        int size = 256;
        string? output = null, images = null;
        var live = false;
        IReadOnlyList<RenderStyle>? styles = null;
        IReadOnlyList<int> spread = [];
        var equalTurn = false;
        var descriptor = FaceDescriptorModel.Hse;
        var mirrorPairs = false;
        var mirrorTurn = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--portraits": portraits = Value(); break;
                case "--models":
                    models = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (models.Length == 0) throw new ArgumentException("--models names no model");
                    break;
                case "--size":
                    var text = Value();
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < MinSize || size > MaxSize)
                    {
                        throw new ArgumentException($"--size '{text}' is not a whole number from {MinSize} to {MaxSize}");
                    }
                    break;
                case "--out": output = Value(); break;
                case "--images": images = Value(); break;
                case "--quality":
                    live = Value() switch
                    {
                        "live" => true,
                        "reference" => false,
                        var other => throw new ArgumentException($"--quality '{other}' is not live or reference"),
                    };
                    break;
                case "--styles": styles = ParseStyles(Value()); break;
                case "--spread": spread = ParseSizes(Value()); break;
                case "--equal-turn": equalTurn = true; break;
                case "--descriptor": descriptor = FaceDescriptorModel.Parse(Value()); break;
                case "--mirror-pairs": mirrorPairs = true; break;
                case "--mirror-turn": mirrorTurn = true; break;
                default: throw new ArgumentException($"unknown option '{args[i]}' (options: --portraits DIR|FILE,…, --models NAME,…, --size N, --spread N,…, --equal-turn, --quality reference|live, --styles NAME,…|none, --descriptor hse|mobileface, --mirror-pairs, --mirror-turn, --out FILE, --images DIR)");
            }
        }
        var options = new FidelityOptions(portraits, models, size, output ?? DefaultOut(), images, live) { SpreadSizes = spread.Where(s => s != size).ToArray(), EqualTurn = equalTurn, Descriptor = descriptor, MirrorPairs = mirrorPairs, MirrorTurn = mirrorTurn };
        return styles is null ? options : options with { Styles = styles };
    }

    /// <summary>Output sizes, comma-separated, each a whole number from <see cref="MinSize"/> to <see cref="MaxSize"/>.</summary>
    private static int[] ParseSizes(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(item => int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= MinSize and <= MaxSize
            ? size
            : throw new ArgumentException($"--spread: '{item}' is not a whole number from {MinSize} to {MaxSize}"))
        .Distinct().ToArray();

    /// <summary>Style names, comma-separated; "none" alone reads no styled views.</summary>
    private static RenderStyle[] ParseStyles(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(name => RenderStyleNames.TryParse(name, out var style)
            ? style
            : throw new ArgumentException($"--styles: unknown style '{name}' (styles: {string.Join(", ", RenderStyleNames.Names)})"))
        .Where(style => style != RenderStyle.None).Distinct().ToArray();

    /// <summary>perf/RESULTS-fidelity.md in the repository this runs from (the nearest folder above with PortraitStream.slnx).</summary>
    private static string DefaultOut()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "PortraitStream.slnx")))
                {
                    return Path.Combine(folder.FullName, "perf", "RESULTS-fidelity.md");
                }
            }
        }
        throw new ArgumentException("not inside the repository: give --out FILE");
    }
}
