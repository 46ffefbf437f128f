namespace PortraitStream.Server;

/// <summary>
/// A client's text as it may appear in our messages and logs: at most <see cref="MaxEcho"/> characters (an ellipsis
/// marks a cut), control characters replaced, so a hostile name cannot make an error message or log line huge or
/// break it across lines.
/// </summary>
internal static class ClientText
{
    public const int MaxEcho = 40;

    public static string Printable(string? text)
    {
        if (text is null)
        {
            return "(null)";
        }
        var shown = new string(text.Take(MaxEcho).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length > MaxEcho ? shown + "…" : shown;
    }
}
