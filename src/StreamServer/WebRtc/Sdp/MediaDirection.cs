namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>Which way media flows in a section, as its writer sees it (RFC 8866 §6.7.1–6.7.4).</summary>
internal enum MediaDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}

/// <summary>Reading and answering <see cref="MediaDirection"/>.</summary>
internal static class MediaDirections
{
    /// <summary>The section's direction; a media-level attribute overrides the session-level one, and sendrecv is the default (RFC 8866 §6.7).</summary>
    public static MediaDirection Of(SdpDocument document, SdpMediaSection section) =>
        Find(section.Lines) ?? Find(document.SessionLines) ?? MediaDirection.SendRecv;

    /// <summary>RFC 3264 §6.1: the answer's direction for an offered one — a publisher's sendonly is answered recvonly.</summary>
    public static MediaDirection Answer(MediaDirection offered) => offered switch
    {
        MediaDirection.SendOnly => MediaDirection.RecvOnly,
        MediaDirection.RecvOnly => MediaDirection.SendOnly,
        _ => offered,
    };

    /// <summary>True when a peer with direction <paramref name="offered"/> wants our media.</summary>
    public static bool Receives(MediaDirection offered) => offered is MediaDirection.SendRecv or MediaDirection.RecvOnly;

    /// <summary>The attribute's name, e.g. "recvonly".</summary>
    public static string Name(MediaDirection direction) => direction switch
    {
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    private static MediaDirection? Find(IEnumerable<SdpLine> lines)
    {
        foreach (var line in lines)
        {
            if (line.Type != 'a')
            {
                continue;
            }

            switch (line.Value)
            {
                case "sendrecv": return MediaDirection.SendRecv;
                case "sendonly": return MediaDirection.SendOnly;
                case "recvonly": return MediaDirection.RecvOnly;
                case "inactive": return MediaDirection.Inactive;
            }
        }

        return null;
    }
}
