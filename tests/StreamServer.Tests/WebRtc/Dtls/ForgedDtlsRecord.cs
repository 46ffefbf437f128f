namespace PortraitStream.Server.Tests.WebRtc.Dtls;

/// <summary>DTLS 1.2 records as an attacker would forge them: any content type, epoch and body length.</summary>
internal static class ForgedDtlsRecord
{
    /// <summary>type(1) version(2) epoch(2) sequence_number(6) length(2), RFC 6347 §4.1.</summary>
    public const int HeaderLength = 13;

    /// <summary>A record header (RFC 6347 §4.1) with a random sequence number; a negative length means a plaintext fatal alert.</summary>
    public static byte[] Make(byte contentType, ushort epoch, int bodyLength, int seed)
    {
        var random = new Random(seed);
        var body = bodyLength < 0 ? [2, 40] : new byte[bodyLength]; // fatal handshake_failure (RFC 5246 §7.2)
        if (bodyLength > 0)
        {
            random.NextBytes(body);
        }
        var record = new byte[HeaderLength + body.Length];
        record[0] = contentType;
        record[1] = 0xFE;
        record[2] = 0xFD;
        record[3] = (byte)(epoch >> 8);
        record[4] = (byte)epoch;
        random.NextBytes(record.AsSpan(5, 6));
        record[11] = (byte)(body.Length >> 8);
        record[12] = (byte)body.Length;
        body.CopyTo(record, HeaderLength);
        return record;
    }
}
