using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>
/// The two transforms shared by SRTP and SRTCP for one direction: AES-CM encryption with the packet IV
/// (RFC 3711 §4.1.1) and the truncated HMAC-SHA1 tag (§4.2.1). Not thread-safe.
/// </summary>
internal sealed class SrtpCipher : IDisposable
{
    private readonly AesCounterMode _cipher;
    private readonly byte[] _salt;
    private readonly IncrementalHash _hmac;

    /// <summary>Keys both transforms.</summary>
    [SuppressMessage("Security", "CA5350", Justification = "RFC 3711 §4.2.1 mandates HMAC-SHA1.")]
    public SrtpCipher(SrtpSessionKeys keys)
    {
        _cipher = new AesCounterMode(keys.CipherKey);
        _salt = keys.Salt;
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, keys.AuthKey);
    }

    /// <summary>
    /// Encrypts or decrypts <paramref name="data"/> in place. RFC 3711 §4.1.1:
    /// IV = (k_s * 2^16) XOR (SSRC * 2^64) XOR (index * 2^16).
    /// </summary>
    public void Transform(uint ssrc, ulong index, Span<byte> data)
    {
        Span<byte> iv = stackalloc byte[SrtpConstants.BlockLength];
        iv.Clear();
        _salt.CopyTo(iv);
        for (int i = 0; i < 4; i++)
        {
            iv[4 + i] ^= (byte)(ssrc >> (24 - (8 * i)));
        }

        // The 48-bit index sits in bytes 8–13, leaving bytes 14–15 to the block counter.
        for (int i = 0; i < 6; i++)
        {
            iv[8 + i] ^= (byte)(index >> (40 - (8 * i)));
        }

        _cipher.Transform(iv, data);
    }

    /// <summary>Writes the 80-bit tag of HMAC-SHA1(auth key, <paramref name="authenticated"/> || <paramref name="trailer"/>).</summary>
    public void ComputeTag(ReadOnlySpan<byte> authenticated, ReadOnlySpan<byte> trailer, Span<byte> tag)
    {
        Span<byte> full = stackalloc byte[SrtpConstants.HmacLength];
        _hmac.AppendData(authenticated);
        _hmac.AppendData(trailer);
        _hmac.TryGetHashAndReset(full, out _);
        full[..SrtpConstants.TagLength].CopyTo(tag);
    }

    /// <summary>Constant-time check of a received tag.</summary>
    public bool VerifyTag(ReadOnlySpan<byte> authenticated, ReadOnlySpan<byte> trailer, ReadOnlySpan<byte> tag)
    {
        Span<byte> expected = stackalloc byte[SrtpConstants.TagLength];
        ComputeTag(authenticated, trailer, expected);
        return CryptographicOperations.FixedTimeEquals(expected, tag);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _cipher.Dispose();
        _hmac.Dispose();
    }
}
