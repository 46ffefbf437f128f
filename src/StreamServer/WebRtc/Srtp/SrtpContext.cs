using System.Buffers.Binary;
using PortraitStream.Server.WebRtc.Rtp;

namespace PortraitStream.Server.WebRtc.Srtp;

/// <summary>
/// SRTP for one direction (RFC 3711 §3.3): protect encrypts the payload and appends the 80-bit tag over
/// header ‖ payload ‖ ROC; unprotect authenticates before it decrypts or updates any state.
/// Both work in place. Not thread-safe: one sender or one receive loop owns a context.
/// </summary>
internal sealed class SrtpContext : IDisposable
{
    private const int RocLength = 4;
    private readonly SrtpCipher _cipher;
    private readonly SrtpStreamTable _streams = new();

    /// <summary>Derives the session keys from the master key and salt.</summary>
    public SrtpContext(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt)
    {
        _cipher = new SrtpCipher(SrtpSessionKeys.ForRtp(masterKey, masterSalt));
    }

    /// <summary>Refusals by reason.</summary>
    public SrtpCounters Counters { get; } = new();

    /// <summary>
    /// Protects the RTP packet in <paramref name="buffer"/>[..<paramref name="length"/>]; the buffer needs
    /// <see cref="SrtpConstants.TagLength"/> spare bytes after it.
    /// </summary>
    public bool TryProtect(Span<byte> buffer, int length, out int protectedLength)
    {
        protectedLength = 0;
        if (length + SrtpConstants.TagLength > buffer.Length
            || !RtpHeader.TryRead(buffer[..length], out var header, out int headerLength))
        {
            Counters.Malformed++;
            return false;
        }

        if (!_streams.TryGet(header.Ssrc, out var stream))
        {
            Counters.TooManyStreams++;
            return false;
        }

        ulong index = stream.Rollover.EstimateIndex(header.SequenceNumber);
        stream.Rollover.Update(index);
        _cipher.Transform(header.Ssrc, index, buffer[headerLength..length]);
        Span<byte> roc = stackalloc byte[RocLength];
        BinaryPrimitives.WriteUInt32BigEndian(roc, (uint)(index >> 16));
        _cipher.ComputeTag(buffer[..length], roc, buffer.Slice(length, SrtpConstants.TagLength));
        protectedLength = length + SrtpConstants.TagLength;
        return true;
    }

    /// <summary>Authenticates, replay-checks and decrypts an SRTP packet in place.</summary>
    public bool TryUnprotect(Span<byte> packet, out int plainLength)
    {
        plainLength = 0;
        int authenticatedLength = packet.Length - SrtpConstants.TagLength;
        if (authenticatedLength < RtpHeader.FixedLength
            || !RtpHeader.TryRead(packet[..authenticatedLength], out var header, out int headerLength))
        {
            Counters.Malformed++;
            return false;
        }

        if (!_streams.TryGet(header.Ssrc, out var stream))
        {
            Counters.TooManyStreams++;
            return false;
        }

        ulong index = stream.Rollover.EstimateIndex(header.SequenceNumber);
        if (stream.Replay.IsReplay(index))
        {
            Counters.Replayed++;
            return false;
        }

        Span<byte> roc = stackalloc byte[RocLength];
        BinaryPrimitives.WriteUInt32BigEndian(roc, (uint)(index >> 16));
        if (!_cipher.VerifyTag(packet[..authenticatedLength], roc, packet[authenticatedLength..]))
        {
            Counters.AuthenticationFailed++;
            return false;
        }

        _cipher.Transform(header.Ssrc, index, packet[headerLength..authenticatedLength]);
        stream.Replay.Accept(index);
        stream.Rollover.Update(index);
        plainLength = authenticatedLength;
        return true;
    }

    /// <inheritdoc/>
    public void Dispose() => _cipher.Dispose();
}
