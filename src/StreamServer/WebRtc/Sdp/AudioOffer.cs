using System.Globalization;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>
/// The offer's audio section we take: Opus (RFC 7587) on <paramref name="PayloadType"/>, bundled with the video on our one
/// port. Audio we cannot take is not an error: its m-line is refused with port 0 and the video runs alone.
/// </summary>
internal sealed record AudioOffer(int SectionIndex, string Mid, byte PayloadType, MediaDirection Direction)
{
    /// <summary>RFC 7587 §4.1: Opus is always signalled as opus/48000/2, whatever it carries.</summary>
    public const string RtpMap = "opus/48000/2";

    /// <summary>RFC 7587 §4.1: the RTP clock runs at 48 kHz for every Opus bandwidth.</summary>
    public const int ClockRate = 48_000;

    /// <summary>
    /// RFC 7587 §6.1: we take 10 ms packets or longer and the in-band FEC that browsers send (we forward it untouched; the
    /// far end decodes it). Answered for every Opus section, as browsers do.
    /// </summary>
    public const string AnswerFormatParameters = "minptime=10;useinbandfec=1";

    /// <summary>
    /// The first audio section (sending or receiving, <see cref="SdpDocument.IsOffered"/>) that offers Opus and is
    /// bundled with the video section <paramref name="videoMid"/> (RFC 8843 §7.2: the answer's bundle may only hold what
    /// the offer's bundle held; we have one port). Null when there is none.
    /// </summary>
    public static AudioOffer? Find(SdpDocument document, string videoMid)
    {
        var bundle = document.BundleOf(videoMid);
        for (int i = 0; i < document.Media.Count; i++)
        {
            var section = document.Media[i];
            if (section.Kind != "audio" || !document.IsOffered(section) || section.Attribute("mid") is not { } mid
                || bundle is null || !bundle.Contains(mid, StringComparer.Ordinal))
            {
                continue;
            }

            if (FindOpus(section) is { } payloadType)
            {
                return new AudioOffer(i, mid, payloadType, MediaDirections.Of(document, section));
            }
        }

        return null;
    }

    /// <summary>The first payload type in the m= line's order (the offerer's preference) mapped to Opus.</summary>
    private static byte? FindOpus(SdpMediaSection section)
    {
        foreach (var map in section.Attributes("rtpmap"))
        {
            var parts = map.Split(' ', 2, StringSplitOptions.TrimEntries);
            // Encoding names are case-insensitive (RFC 8866 §6.6); payload types are 0–127 (RFC 3550 §5.1).
            if (parts.Length == 2 && parts[1].Equals(RtpMap, StringComparison.OrdinalIgnoreCase)
                && section.Formats.Contains(parts[0], StringComparer.Ordinal)
                && byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pt) && pt < 128)
            {
                return pt;
            }
        }

        return null;
    }
}
