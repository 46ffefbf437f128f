using System.Globalization;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>
/// The codec we run with one peer and how it was offered: the payload type and, for H.264, the offer's
/// profile-level-id, echoed in the answer.
/// </summary>
internal sealed record VideoCodecChoice(VideoCodec Codec, byte PayloadType, string? ProfileLevelId)
{
    /// <summary>
    /// What we answer for an H.264 offer without a profile-level-id: constrained baseline level 3.1, what OpenH264
    /// sends and what OBS signals (RFC 6184 §8.1 would default to baseline level 1.0, too small for any camera).
    /// </summary>
    public const string DefaultProfileLevelId = "42e01f";

    private const int ClockRate = 90_000;

    /// <summary>
    /// The first format of <paramref name="section"/>'s m= line that we speak: the offerer lists formats in its order
    /// of preference (RFC 3264 §5.1), so the browser's preference wins. VP8 is taken as offered; H.264 only in
    /// packetization mode 1 (RFC 6184 §6.3; an absent packetization-mode means mode 0, §8.1), with any profile.
    /// </summary>
    public static VideoCodecChoice? Find(SdpMediaSection section)
    {
        var maps = Parameters(section, "rtpmap");
        var formatParameters = Parameters(section, "fmtp");
        foreach (var format in section.Formats)
        {
            if (!maps.TryGetValue(format, out var map)
                || !byte.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt >= 128)
            {
                continue;
            }

            formatParameters.TryGetValue(format, out var fmtp);
            // RFC 8866 §6.6: a=rtpmap:<payload type> <encoding name>/<clock rate>; names are case-insensitive.
            if (Is(map, VideoCodec.Vp8))
            {
                return new VideoCodecChoice(VideoCodec.Vp8, pt, null);
            }

            if (Is(map, VideoCodec.H264) && Parameter(fmtp, "packetization-mode") == "1")
            {
                return new VideoCodecChoice(VideoCodec.H264, pt, ValidProfile(Parameter(fmtp, "profile-level-id")));
            }
        }

        return null;
    }

    /// <summary>The answer's a=fmtp value, or null when the codec has none.</summary>
    public string? AnswerFormatParameters() => Codec == VideoCodec.H264
        // RFC 6184 §8.1: we take any level the peer sends and it may take a different one from us.
        ? $"level-asymmetry-allowed=1;packetization-mode=1;profile-level-id={ProfileLevelId ?? DefaultProfileLevelId}"
        : null;

    private static bool Is(string map, VideoCodec codec) =>
        map.Equals($"{VideoPayloadFormat.EncodingName(codec)}/{ClockRate}", StringComparison.OrdinalIgnoreCase);

    /// <summary>a=rtpmap and a=fmtp values by payload type: "&lt;format&gt; &lt;rest&gt;", first one wins.</summary>
    private static Dictionary<string, string> Parameters(SdpMediaSection section, string attribute)
    {
        var byFormat = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in section.Attributes(attribute))
        {
            var parts = value.Split(' ', 2);
            if (parts.Length == 2)
            {
                byFormat.TryAdd(parts[0], parts[1].Trim());
            }
        }

        return byFormat;
    }

    /// <summary>One key=value of a semicolon-separated fmtp (RFC 6184 §8.2.1); keys are case-insensitive.</summary>
    private static string? Parameter(string? fmtp, string key)
    {
        foreach (var pair in (fmtp ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length == 2 && parts[0].Equals(key, StringComparison.OrdinalIgnoreCase))
            {
                return parts[1];
            }
        }

        return null;
    }

    /// <summary>profile-level-id is three bytes in hex (RFC 6184 §8.1); anything else is not copied into our answer.</summary>
    private static string? ValidProfile(string? value) =>
        value is { Length: 6 } && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
}
