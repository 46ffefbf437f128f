using System.Globalization;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>
/// Tolerant line parser for SDP (RFC 8866 §5): accepts CRLF or LF, keeps unknown lines, refuses what
/// cannot be an SDP at all. Bounded so a hostile offer cannot cost more than a small, fixed amount.
/// </summary>
internal static class SdpParser
{
    /// <summary>Larger than any real browser offer (Chromium's with audio and video is about 6 KB).</summary>
    public const int MaxLength = 64 * 1024;

    private const int MaxMediaSections = 16;

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? text, out SdpDocument document, out string error)
    {
        document = new SdpDocument([], []);
        error = string.Empty;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            error = $"the description is empty or longer than {MaxLength} characters";
            return false;
        }

        var session = new List<SdpLine>();
        var media = new List<SdpMediaSection>();
        (string Kind, int Port, string Protocol, string[] Formats, List<SdpLine> Lines)? current = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            // RFC 8866 §5: <type>=<value>, type a single letter.
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                error = $"not an SDP line: '{Truncate(line)}'";
                return false;
            }

            var parsed = new SdpLine(line[0], line[2..]);
            if (parsed.Type == 'm')
            {
                if (current is { } done)
                {
                    media.Add(new SdpMediaSection(done.Kind, done.Port, done.Protocol, done.Formats, done.Lines));
                }

                if (media.Count >= MaxMediaSections || !TryParseMediaLine(parsed.Value, out var kind, out int port, out var protocol, out var formats))
                {
                    error = $"bad or too many m= lines at '{Truncate(line)}'";
                    return false;
                }

                current = (kind, port, protocol, formats, new List<SdpLine>());
            }
            else if (current is { } section)
            {
                section.Lines.Add(parsed);
            }
            else
            {
                session.Add(parsed);
            }
        }

        if (current is { } last)
        {
            media.Add(new SdpMediaSection(last.Kind, last.Port, last.Protocol, last.Formats, last.Lines));
        }

        if (session.Count == 0 || session[0].Type != 'v' || session[0].Value != "0")
        {
            error = "the description does not start with v=0";
            return false;
        }

        document = new SdpDocument(session, media);
        return true;
    }

    // RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
    private static bool TryParseMediaLine(string value, out string kind, out int port, out string protocol, out string[] formats)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        kind = protocol = string.Empty;
        port = 0;
        formats = [];
        if (parts.Length < 4 || !int.TryParse(parts[1].Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port > ushort.MaxValue)
        {
            return false;
        }

        kind = parts[0];
        protocol = parts[2];
        formats = parts[3..];
        return true;
    }

    private static string Truncate(string line) => line.Length <= 40 ? line : line[..40] + "…";
}
