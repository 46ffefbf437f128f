using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.WebRtc.Dtls;

public sealed class DtlsRecordFramingTests
{
    [Theory]
    [InlineData(new[] { 100, 100, 100 }, 250, new[] { 2, 1 })]
    [InlineData(new[] { 100, 100, 100 }, 1200, new[] { 3 })]
    [InlineData(new[] { 300, 50 }, 200, new[] { 1, 1 })] // a record larger than the MTU travels alone, uncut
    public void Rfc6347_4_1_1_RecordsArePackedWholeIntoDatagramsWithinTheMtu(int[] bodyLengths, int mtu, int[] recordsPerDatagram)
    {
        var records = bodyLengths.SelectMany(Record).ToArray();
        var datagrams = new Queue<byte[]>();

        DtlsRecordFraming.Packetize(records, mtu, datagrams);

        Assert.Equal(recordsPerDatagram.Length, datagrams.Count);
        Assert.Equal(records, datagrams.SelectMany(d => d).ToArray());
        var expectedLengths = recordsPerDatagram.Select((count, i) =>
            bodyLengths.Skip(recordsPerDatagram.Take(i).Sum()).Take(count).Sum(b => b + DtlsRecordFraming.HeaderLength));
        Assert.Equal(expectedLengths, datagrams.Select(d => d.Length));
        Assert.All(datagrams, d => Assert.True(DtlsRecordFraming.IsWellFormed(d)));
    }

    private static byte[] Record(int bodyLength)
    {
        var record = new byte[DtlsRecordFraming.HeaderLength + bodyLength];
        record[0] = 22;
        record[1] = 0xFE;
        record[2] = 0xFD;
        record[11] = (byte)(bodyLength >> 8);
        record[12] = (byte)bodyLength;
        return record;
    }
}
