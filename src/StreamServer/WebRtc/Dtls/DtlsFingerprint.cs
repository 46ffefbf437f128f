using System.Diagnostics.CodeAnalysis;
using PortraitStream.Server.WebRtc.Dtls.Native;

namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// A certificate fingerprint as carried by SDP's <c>a=fingerprint</c> (RFC 8122 §5): a hash function name and the
/// digest of the DER certificate, written as upper-case hex pairs joined by colons. WebRTC authenticates the DTLS peer
/// by this value alone (RFC 8827 §6.5), so it is compared in constant time.
/// </summary>
internal sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    /// <summary>Hash functions accepted from an offer, with their digest sizes; RFC 8122 §5 names them, RFC 8827 requires sha-256.</summary>
    private static readonly Dictionary<string, int> DigestLengths = new(StringComparer.Ordinal)
    {
        ["sha-256"] = 32,
        ["sha-384"] = 48,
        ["sha-512"] = 64,
    };

    private readonly byte[] _digest;

    public DtlsFingerprint(string algorithm, ReadOnlySpan<byte> digest)
    {
        Algorithm = NormalizeAlgorithm(algorithm)
            ?? throw new ArgumentException($"unsupported fingerprint hash '{algorithm}'", nameof(algorithm));
        if (digest.Length != DigestLengths[Algorithm])
        {
            throw new ArgumentException($"a {Algorithm} digest has {DigestLengths[Algorithm]} bytes, not {digest.Length}", nameof(digest));
        }
        _digest = digest.ToArray();
    }

    /// <summary>Lower-case hash function name as SDP writes it, e.g. <c>sha-256</c>.</summary>
    public string Algorithm { get; }

    public ReadOnlySpan<byte> Digest => _digest;

    /// <summary>The digest as SDP writes it: <c>AB:CD:…</c>.</summary>
    public string HexValue => string.Join(':', Convert.ToHexString(_digest).Chunk(2).Select(pair => new string(pair)));

    /// <summary>The attribute value of <c>a=fingerprint:</c>, e.g. <c>sha-256 AB:CD:…</c>.</summary>
    public override string ToString() => $"{Algorithm} {HexValue}";

    /// <summary>Parses an <c>a=fingerprint</c> value (<c>sha-256 AB:CD:…</c>); hex digits in either case.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        var parts = value?.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts is not { Length: 2 } || NormalizeAlgorithm(parts[0]) is not { } algorithm)
        {
            return false;
        }
        var pairs = parts[1].Split(':');
        if (pairs.Length != DigestLengths[algorithm])
        {
            return false;
        }
        var digest = new byte[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            if (pairs[i].Length != 2 || !byte.TryParse(pairs[i], System.Globalization.NumberStyles.AllowHexSpecifier, null, out digest[i]))
            {
                return false;
            }
        }
        fingerprint = new DtlsFingerprint(algorithm, digest);
        return true;
    }

    public bool Equals(DtlsFingerprint? other) =>
        other is not null && Algorithm == other.Algorithm
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(_digest, other._digest);

    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    public override int GetHashCode() => HashCode.Combine(Algorithm, _digest[0], _digest[1]);

    /// <summary>The fingerprint of an X509* with this fingerprint's hash function.</summary>
    internal static unsafe DtlsFingerprint Of(IntPtr x509, string algorithm)
    {
        // EVP_get_digestbyname takes OpenSSL's names ("SHA256"); SDP's names differ only by the dash and case.
        var md = OpenSslError.NotNull(
            LibCrypto.EVP_get_digestbyname(algorithm.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant()),
            "EVP_get_digestbyname");
        Span<byte> digest = stackalloc byte[64]; // EVP_MAX_MD_SIZE
        fixed (byte* pointer = digest)
        {
            OpenSslError.ThrowIf(LibCrypto.X509_digest(x509, md, pointer, out var length) != 1, "X509_digest");
            return new DtlsFingerprint(algorithm, digest[..(int)length]);
        }
    }

    private static string? NormalizeAlgorithm(string algorithm)
    {
        var lower = algorithm.ToLowerInvariant();
        return DigestLengths.ContainsKey(lower) ? lower : null;
    }
}
