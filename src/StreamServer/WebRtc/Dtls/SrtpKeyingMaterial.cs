namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// SRTP master keys and salts derived from a finished DTLS handshake (RFC 5764 §4.2). The exporter output is laid out
/// as client_write_key | server_write_key | client_write_salt | server_write_salt; "local" is what this endpoint
/// protects its outgoing packets with, "remote" what it unprotects incoming packets with.
/// </summary>
internal sealed class SrtpKeyingMaterial
{
    /// <summary>The RFC 5764 §4.2 exporter label.</summary>
    internal const string ExporterLabel = "EXTRACTOR-dtls_srtp";

    private readonly byte[] _material;
    private readonly int _keyLength;
    private readonly int _saltLength;

    internal SrtpKeyingMaterial(SrtpProtectionProfile profile, DtlsRole localRole, byte[] exportedMaterial)
    {
        _keyLength = profile.MasterKeyLength();
        _saltLength = profile.MasterSaltLength();
        if (exportedMaterial.Length != ExportLength(profile))
        {
            throw new ArgumentException($"{profile} needs {ExportLength(profile)} bytes of keying material", nameof(exportedMaterial));
        }
        Profile = profile;
        LocalRole = localRole;
        _material = exportedMaterial;
    }

    public SrtpProtectionProfile Profile { get; }

    public DtlsRole LocalRole { get; }

    public ReadOnlySpan<byte> ClientWriteKey => _material.AsSpan(0, _keyLength);
    public ReadOnlySpan<byte> ServerWriteKey => _material.AsSpan(_keyLength, _keyLength);
    public ReadOnlySpan<byte> ClientWriteSalt => _material.AsSpan(2 * _keyLength, _saltLength);
    public ReadOnlySpan<byte> ServerWriteSalt => _material.AsSpan(2 * _keyLength + _saltLength, _saltLength);

    /// <summary>Key for SRTP/SRTCP this endpoint sends.</summary>
    public ReadOnlySpan<byte> LocalMasterKey => LocalRole == DtlsRole.Client ? ClientWriteKey : ServerWriteKey;
    /// <summary>Salt for SRTP/SRTCP this endpoint sends.</summary>
    public ReadOnlySpan<byte> LocalMasterSalt => LocalRole == DtlsRole.Client ? ClientWriteSalt : ServerWriteSalt;
    /// <summary>Key for SRTP/SRTCP this endpoint receives.</summary>
    public ReadOnlySpan<byte> RemoteMasterKey => LocalRole == DtlsRole.Client ? ServerWriteKey : ClientWriteKey;
    /// <summary>Salt for SRTP/SRTCP this endpoint receives.</summary>
    public ReadOnlySpan<byte> RemoteMasterSalt => LocalRole == DtlsRole.Client ? ServerWriteSalt : ClientWriteSalt;

    /// <summary>Bytes to ask the exporter for: 2 × (key + salt), RFC 5764 §4.2.</summary>
    internal static int ExportLength(SrtpProtectionProfile profile) =>
        2 * (profile.MasterKeyLength() + profile.MasterSaltLength());
}
