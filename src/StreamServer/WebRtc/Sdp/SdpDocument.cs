namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>One "type=value" line of an SDP description (RFC 8866 §5).</summary>
internal readonly record struct SdpLine(char Type, string Value)
{
    /// <summary>For an a= line, splits "name:value" (value empty for property attributes, RFC 8866 §5.13).</summary>
    public (string Name, string Value) Attribute
    {
        get
        {
            int colon = Value.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (Value, string.Empty) : (Value[..colon], Value[(colon + 1)..]);
        }
    }
}

/// <summary>One media description: the m= line and the lines after it (RFC 8866 §5.14).</summary>
internal sealed record SdpMediaSection(string Kind, int Port, string Protocol, IReadOnlyList<string> Formats, IReadOnlyList<SdpLine> Lines)
{
    /// <summary>Values of every a=<paramref name="name"/> line, in order.</summary>
    public IEnumerable<string> Attributes(string name) =>
        Lines.Where(l => l.Type == 'a').Select(l => l.Attribute).Where(a => a.Name == name).Select(a => a.Value);

    /// <summary>The first a=<paramref name="name"/> value, or null.</summary>
    public string? Attribute(string name) => Attributes(name).FirstOrDefault();

    /// <summary>True when a=<paramref name="name"/> is present.</summary>
    public bool HasAttribute(string name) => Attributes(name).Any();
}

/// <summary>A parsed session description: session-level lines and the media sections in order.</summary>
internal sealed record SdpDocument(IReadOnlyList<SdpLine> SessionLines, IReadOnlyList<SdpMediaSection> Media)
{
    /// <summary>The first session-level a=<paramref name="name"/> value, or null.</summary>
    public string? SessionAttribute(string name) =>
        SessionLines.Where(l => l.Type == 'a').Select(l => l.Attribute).Where(a => a.Name == name)
            .Select(a => a.Value).FirstOrDefault();

    /// <summary>The mids of the first a=group:BUNDLE that holds <paramref name="mid"/> (RFC 8843 §7.1), or null.</summary>
    public IReadOnlyList<string>? BundleOf(string mid) =>
        SessionLines.Where(l => l.Type == 'a').Select(l => l.Attribute)
            .Where(a => a.Name == "group" && a.Value.StartsWith("BUNDLE ", StringComparison.Ordinal))
            .Select(a => a.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..])
            .FirstOrDefault(mids => mids.Contains(mid, StringComparer.Ordinal));

    /// <summary>
    /// True when <paramref name="section"/> is offered: a port other than 0, or port 0 with a=bundle-only inside a
    /// BUNDLE group (RFC 8843 §6: "use it only if bundled"; GStreamer's webrtcbin offers every m-section after the
    /// first that way). Port 0 otherwise is a refused stream (RFC 3264 §8.2).
    /// </summary>
    public bool IsOffered(SdpMediaSection section) =>
        section.Port != 0
        || (section.HasAttribute("bundle-only") && section.Attribute("mid") is { } mid && BundleOf(mid) is not null);
}
