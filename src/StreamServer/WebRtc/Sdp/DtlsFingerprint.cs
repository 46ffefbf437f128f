using System.Globalization;

namespace PortraitStream.Server.WebRtc.Sdp;

/// <summary>An a=fingerprint value (RFC 8122 §5): hash function name and the certificate's digest.</summary>
public sealed record DtlsFingerprint(string Algorithm, byte[] Digest)
{
    /// <summary>Parses "sha-256 AB:CD:…"; false when malformed.</summary>
    public static bool TryParse(string value, out DtlsFingerprint fingerprint)
    {
        fingerprint = new DtlsFingerprint(string.Empty, []);
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return false;
        }

        var octets = parts[1].Split(':');
        var digest = new byte[octets.Length];
        for (int i = 0; i < octets.Length; i++)
        {
            if (octets[i].Length != 2 || !byte.TryParse(octets[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out digest[i]))
            {
                return false;
            }
        }

        fingerprint = new DtlsFingerprint(parts[0].ToLowerInvariant(), digest);
        return true;
    }

    /// <summary>The SDP form: "sha-256 AB:CD:…" (upper-case hex, RFC 8122 §5).</summary>
    public override string ToString() => $"{Algorithm} {Convert.ToHexString(Digest).Chunk(2).Select(c => new string(c)).Aggregate((a, b) => a + ":" + b)}";
}
