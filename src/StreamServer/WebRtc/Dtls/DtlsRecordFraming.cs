using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Dtls;

/// <summary>
/// DTLS 1.2 record framing (RFC 6347 §4.1): checks that a received datagram is a sequence of whole records before
/// OpenSSL sees it, and packs the records OpenSSL wrote into datagrams no larger than the MTU. A datagram may carry
/// several records but a record never spans datagrams (RFC 6347 §4.1.1).
/// </summary>
internal static class DtlsRecordFraming
{
    /// <summary>type(1) version(2) epoch(2) sequence_number(6) length(2), RFC 6347 §4.1.</summary>
    public const int HeaderLength = 13;

    private const int LengthOffset = 11;
    private const byte FirstContentType = 20; // change_cipher_spec
    private const byte LastContentType = 23;  // application_data
    private const byte DtlsMajorVersion = 0xFE; // DTLS 1.0 is {254, 255}, DTLS 1.2 {254, 253}

    /// <summary>TLSCiphertext.length may not exceed 2^14 + 2048 (RFC 5246 §6.2.3, applied by RFC 6347 §4.1).</summary>
    private const int MaxRecordBodyLength = (1 << 14) + 2048;

    /// <summary>True when <paramref name="datagram"/> is one or more complete records of a known content type.</summary>
    public static bool IsWellFormed(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return false;
        }
        while (!datagram.IsEmpty)
        {
            if (!TryMeasureRecord(datagram, out var recordLength))
            {
                return false;
            }
            datagram = datagram[recordLength..];
        }
        return true;
    }

    /// <summary>
    /// Splits OpenSSL's output into datagrams of at most <paramref name="mtu"/> bytes, packing whole records greedily.
    /// A record that on its own exceeds the MTU (OpenSSL fragments handshakes, so only oversized application writes
    /// could) is sent alone rather than cut.
    /// </summary>
    public static void Packetize(ReadOnlySpan<byte> records, int mtu, Queue<byte[]> datagrams)
    {
        while (!records.IsEmpty)
        {
            var datagramLength = 0;
            while (datagramLength < records.Length
                && TryMeasureRecord(records[datagramLength..], out var recordLength)
                && (datagramLength == 0 || datagramLength + recordLength <= mtu))
            {
                datagramLength += recordLength;
            }
            // Bytes that do not parse as records cannot come from OpenSSL; pass them on whole rather than lose them.
            datagramLength = datagramLength == 0 ? records.Length : datagramLength;
            datagrams.Enqueue(records[..datagramLength].ToArray());
            records = records[datagramLength..];
        }
    }

    private static bool TryMeasureRecord(ReadOnlySpan<byte> data, out int recordLength)
    {
        recordLength = 0;
        if (data.Length < HeaderLength || data[0] < FirstContentType || data[0] > LastContentType || data[1] != DtlsMajorVersion)
        {
            return false;
        }
        var bodyLength = BinaryPrimitives.ReadUInt16BigEndian(data[LengthOffset..]);
        if (bodyLength > MaxRecordBodyLength || HeaderLength + bodyLength > data.Length)
        {
            return false;
        }
        recordLength = HeaderLength + bodyLength;
        return true;
    }
}
