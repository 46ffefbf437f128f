using System.CommandLine;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Server.Cli;

/// <summary>`--style none|toon|outline|hologram|sketch` for the commands that render (render, render-video); an unknown
/// name is a usage error (exit code 2) that lists the names.</summary>
internal static class StyleOption
{
    public static Option<RenderStyle> Create() => new("--style")
    {
        Description = $"How the render is drawn: {string.Join(", ", RenderStyleNames.Names)} (default none: the field's own colours)",
        DefaultValueFactory = _ => RenderStyle.None,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (RenderStyleNames.TryParse(text, out var style))
            {
                return style;
            }
            result.AddError($"--style: unknown style \"{text}\"; styles: {string.Join(", ", RenderStyleNames.Names)}");
            return RenderStyle.None;
        },
    };
}
