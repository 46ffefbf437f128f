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
}
