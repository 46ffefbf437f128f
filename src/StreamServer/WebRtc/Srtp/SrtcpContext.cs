using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>
/// SRTCP for one direction (RFC 3711 §3.4): everything after the first 8 bytes is encrypted; the E flag
/// and 31-bit SRTCP index follow, then the tag over all of it. Works in place; not thread-safe.
/// </summary>
internal sealed class SrtcpContext : IDisposable
{
    // RFC 3711 §3.4: the first 8 bytes (header and sender SSRC) stay in the clear.
    private const int ClearPrefixLength = 8;
    private const uint EncryptedFlag = 0x8000_0000;
    private const uint IndexMask = 0x7FFF_FFFF;

    private readonly SrtpCipher _cipher;
    private readonly SrtpStreamTable _streams = new();
    private uint _sendIndex;

    /// <summary>Derives the SRTCP session keys from the master key and salt.</summary>
    public SrtcpContext(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        _cipher = new SrtpCipher(SrtpSessionKeys.ForRtcp(masterKey, masterSalt));
    }

    /// <summary>Refusals by reason.</summary>
    public SrtpCounters Counters { get; } = new();

    /// <summary>Overhead protect adds: index word and tag.</summary>
    public const int Overhead = SrtpConstants.SrtcpIndexLength + SrtpConstants.TagLength;

    /// <summary>Protects the compound RTCP packet in <paramref name="buffer"/>[..<paramref name="length"/>].</summary>
    public bool TryProtect(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if (length < ClearPrefixLength || length + Overhead > buffer.Length)
        {
            Counters.Malformed++;
            return false;
        }

        uint index = _sendIndex;
        _sendIndex = (_sendIndex + 1) & IndexMask;
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(buffer[4..]);
        _cipher.Transform(ssrc, index, buffer[ClearPrefixLength..length]);
        BinaryPrimitives.WriteUInt32BigEndian(buffer[length..], EncryptedFlag | index);
        int authenticated = length + SrtpConstants.SrtcpIndexLength;
        _cipher.ComputeTag(buffer[..authenticated], default, buffer.Slice(authenticated, SrtpConstants.TagLength));
        protectedLength = authenticated + SrtpConstants.TagLength;
        return true;
    }

    /// <summary>Authenticates, replay-checks and decrypts an SRTCP packet in place.</summary>
    public bool TryUnprotect(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        int authenticated = packet.Length - SrtpConstants.TagLength;
        int plain = authenticated - SrtpConstants.SrtcpIndexLength;
        if (plain < ClearPrefixLength)
        {
            Counters.Malformed++;
            return false;
        }

        uint word = BinaryPrimitives.ReadUInt32BigEndian(packet[plain..]);
        uint index = word & IndexMask;
        uint ssrc = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        if (!_streams.TryGet(ssrc, out var stream))
        {
            Counters.TooManyStreams++;
            return false;
        }

        if (stream.Replay.IsReplay(index))
        {
            Counters.Replayed++;
            return false;
        }

        if (!_cipher.VerifyTag(packet[..authenticated], default, packet[authenticated..]))
        {
            Counters.AuthenticationFailed++;
            return false;
        }

        if ((word & EncryptedFlag) != 0)
        {
            _cipher.Transform(ssrc, index, packet[ClearPrefixLength..plain]);
        }

        stream.Replay.Accept(index);
        plainLength = plain;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _cipher.Dispose();
}
