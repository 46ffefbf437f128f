using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// Which records of a received datagram may reach OpenSSL once the handshake is done. Every authentic record of an
/// established WebRTC association is protected at epoch 1 (renegotiation is off, so the epoch never advances), so
/// anything else — another epoch, a plaintext alert or handshake, change_cipher_spec, a body too short to hold the
/// AEAD's nonce and tag — cannot be authentic and is discarded here (RFC 6347 §4.1.2.7: invalid records are
/// silently discarded). This matters because OpenSSL 3.0 treats an AEAD record shorter than its overhead as fatal
/// and queues an alert instead of dropping it, so one forged 29-byte datagram used to end a session.
/// The input must already be whole records (<see cref="DtlsRecordFraming.IsWellFormed"/>).
/// </summary>
internal static class DtlsConnectedRecordFilter
{
    /// <summary>The read epoch after the handshake (RFC 6347 §4.1: the epoch is incremented by each ChangeCipherSpec).</summary>
    public const ushort ConnectedEpoch = 1;

    /// <summary>AES-GCM in TLS: 8-byte explicit nonce (RFC 5288 §3) + 16-byte tag (RFC 5116 §5.1).</summary>
    public const int AesGcmOverhead = 8 + 16;

    /// <summary>ChaCha20-Poly1305 in TLS: implicit nonce, 16-byte tag (RFC 7905 §2).</summary>
    public const int ChaCha20Poly1305Overhead = 16;

    private const int EpochOffset = 3;
    private const int LengthOffset = 11;
    private const byte Alert = 21, Handshake = 22, ApplicationData = 23;
    private const int AlertLength = 2;            // level + description, RFC 5246 §7.2
    private const int HandshakeHeaderLength = 12; // RFC 6347 §4.2.2

    /// <summary>
    /// Copies the records that may be authentic into <paramref name="accepted"/> (at least as long as the datagram)
    /// and returns their total length; <paramref name="discarded"/> counts the rest and
    /// <paramref name="applicationRecords"/> the accepted application_data records.
    /// </summary>
    public static int Filter(ReadOnlySpan<byte> records, int aeadOverhead, Span<byte> accepted, out int discarded, out int applicationRecords)
    {
        discarded = 0;
        applicationRecords = 0;
        var written = 0;
        while (records.Length >= DtlsRecordFraming.HeaderLength)
        {
            var length = DtlsRecordFraming.HeaderLength + BinaryPrimitives.ReadUInt16BigEndian(records[LengthOffset..]);
            if (length > records.Length)
            {
                discarded++; // cannot happen after IsWellFormed; counted rather than trusted
                break;
            }
            var record = records[..length];
            if (MayBeAuthentic(record, aeadOverhead))
            {
                record.CopyTo(accepted[written..]);
                written += length;
                applicationRecords += record[0] == ApplicationData ? 1 : 0;
            }
            else
            {
                discarded++;
            }
            records = records[length..];
        }
        return written;
    }

    private static bool MayBeAuthentic(ReadOnlySpan<byte> record, int aeadOverhead)
    {
        if (BinaryPrimitives.ReadUInt16BigEndian(record[EpochOffset..]) != ConnectedEpoch)
        {
            return false;
        }
        var body = record.Length - DtlsRecordFraming.HeaderLength;
        return record[0] switch
        {
            ApplicationData => body >= aeadOverhead,
            Alert => body >= aeadOverhead + AlertLength,
            Handshake => body >= aeadOverhead + HandshakeHeaderLength, // the peer's retransmitted Finished, RFC 6347 §4.2.4
            _ => false, // change_cipher_spec is only ever sent in epoch 0
        };
    }
}
