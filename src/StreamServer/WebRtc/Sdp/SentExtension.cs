using System.Globalization;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>
/// A header extension the offer lets us send on our video (RFC 8285 §5, §6): the id it chose, and the direction our
/// answer states — none where the offer's is sendrecv (implied or written), sendonly where the offerer only receives it.
/// </summary>
internal readonly record struct SentExtension(byte Id, string? AnswerDirection)
{
    /// <summary>The answer's a=extmap value for <paramref name="uri"/>: the offer's id, our direction where one is due.</summary>
    public string ExtmapValue(string uri) =>
        AnswerDirection is null ? string.Create(CultureInfo.InvariantCulture, $"{Id} {uri}") : string.Create(CultureInfo.InvariantCulture, $"{Id}/{AnswerDirection} {uri}");

    /// <summary>
    /// The first a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;uri&gt; of <paramref name="section"/> for <paramref name="uri"/>
    /// that lets us send it under a one-byte id (1–14, the only form we write); null when there is none. A malformed
    /// entry (id not a number or out of range, an unknown direction) is passed over, not refused: the extension is
    /// optional, and without it the stream still flows.
    /// </summary>
    public static SentExtension? Find(SdpMediaSection section, string uri)
    {
        foreach (var map in section.Attributes("extmap"))
        {
            var parts = map.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || parts[1] != uri)
            {
                continue;
            }

            var idAndDirection = parts[0].Split('/');
            if (idAndDirection.Length > 2
                || !byte.TryParse(idAndDirection[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id is < 1 or > Rtp.RtpHeaderExtensionWriter.MaxOneByteId)
            {
                continue;
            }

            // RFC 8285 §6: the answer's direction mirrors the offer's; an offerer that only sends it (or neither) will not
            // read ours.
            switch (idAndDirection.Length == 2 ? idAndDirection[1] : "sendrecv")
            {
                case "sendrecv":
                    return new SentExtension(id, null);
                case "recvonly":
                    return new SentExtension(id, "sendonly");
            }
        }

        return null;
    }
}
