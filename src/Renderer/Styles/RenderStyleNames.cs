namespace PortraitStream.Renderer.Styles;

/// <summary>The lower-case names of <see cref="RenderStyle"/> as <c>render --style</c> and the hub's <c>SetStyle</c> take them.</summary>
public static class RenderStyleNames
{
    /// <summary>Every style's name, in <see cref="RenderStyle"/>'s order ("none" first).</summary>
    public static IReadOnlyList<string> Names { get; } = Enum.GetValues<RenderStyle>().Select(Name).ToArray();

    public static string Name(RenderStyle style) => style.ToString().ToLowerInvariant();

    /// <summary>Reads a style name, case-insensitively; numbers and unknown names are refused.</summary>
    public static bool TryParse(string? text, out RenderStyle style)
    {
        foreach (var candidate in Enum.GetValues<RenderStyle>())
        {
            if (string.Equals(text, Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                style = candidate;
                return true;
            }
        }
        style = RenderStyle.None;
        return false;
    }
}
