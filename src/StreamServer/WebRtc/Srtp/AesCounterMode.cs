using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>
/// AES in counter mode as SRTP defines it (RFC 3711 §4.1.1): keystream block i is AES(IV + i), with the
/// 128-bit IV's low 16 bits zero so that adding i just sets them (at most 2^16 blocks per packet).
/// Built on one reused AES-ECB transform (the one-shot EncryptEcb sets up a native cipher context per
/// call, which costs more than the packet), encrypting counters in batches. Not thread-safe.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    private const int BatchBlocks = 64;
    private const int MaxBlocks = 1 << 16;
    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _counters = new byte[BatchBlocks * SrtpConstants.BlockLength];
    private readonly byte[] _keystream = new byte[BatchBlocks * SrtpConstants.BlockLength];

    /// <summary>Keys the cipher.</summary>
    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
    }

    /// <summary>XORs <paramref name="data"/> in place with the keystream starting at <paramref name="iv"/>.</summary>
    public void Transform(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        var counters = _counters.AsSpan();
        var keystream = _keystream.AsSpan();
        int totalBlocks = (data.Length + SrtpConstants.BlockLength - 1) / SrtpConstants.BlockLength;
        if (totalBlocks > MaxBlocks)
        {
            throw new ArgumentOutOfRangeException(nameof(data), "AES-CM per RFC 3711 covers at most 2^16 blocks.");
        }

        for (int firstBlock = 0; firstBlock < totalBlocks; firstBlock += BatchBlocks)
        {
            int blocks = Math.Min(BatchBlocks, totalBlocks - firstBlock);
            int bytes = blocks * SrtpConstants.BlockLength;
            for (int b = 0; b < blocks; b++)
            {
                var counter = counters.Slice(b * SrtpConstants.BlockLength, SrtpConstants.BlockLength);
                iv.CopyTo(counter);
                BinaryPrimitives.WriteUInt16BigEndian(counter[14..], (ushort)(firstBlock + b));
            }

            _ecb.TransformBlock(_counters, 0, bytes, _keystream, 0);
            var chunk = data.Slice(firstBlock * SrtpConstants.BlockLength, Math.Min(bytes, data.Length - (firstBlock * SrtpConstants.BlockLength)));
            for (int i = 0; i < chunk.Length; i++)
            {
                chunk[i] ^= keystream[i];
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _ecb.Dispose();
        _aes.Dispose();
    }
}
