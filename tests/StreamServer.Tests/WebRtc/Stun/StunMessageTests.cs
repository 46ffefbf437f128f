using System.Buffers.Binary;
using System.Net;
using System.Text;
using PortraitStream.Server.WebRtc.Stun;

namespace PortraitStream.Server.Tests.WebRtc.Stun;

public class StunMessageTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(Rfc5769Vectors.Password);

    [Theory]
    [InlineData(nameof(Rfc5769Vectors.Request), StunMessageType.BindingRequest)]
    [InlineData(nameof(Rfc5769Vectors.Ipv4Response), StunMessageType.BindingSuccess)]
    [InlineData(nameof(Rfc5769Vectors.Ipv6Response), StunMessageType.BindingSuccess)]
    public void Rfc5769_Section2_SamplesParseWithValidIntegrityAndFingerprint(string vector, ushort type)
    {
        var bytes = Rfc5769Vectors.ByName(vector);
        Assert.True(StunMessage.TryRead(bytes, out var message, out int consumed));
        Assert.Equal(bytes.Length, consumed);
        Assert.Equal(type, message.Type);
        Assert.True(StunIntegrity.HasValidFingerprint(message));
        Assert.True(StunIntegrity.HasValidMessageIntegrity(message, Key));
        Assert.False(StunIntegrity.HasValidMessageIntegrity(message, "wrong"u8));
    }

    [Fact]
    public void Rfc5769_SampleRequest_IceAttributes()
    {
        Assert.True(StunMessage.TryRead(Rfc5769Vectors.Request, out var message, out _));
        Assert.True(message.TryGetAttribute(StunAttributeType.Username, out var username));
        Assert.Equal("evtj:h6vY", Encoding.UTF8.GetString(username.Value));
        Assert.True(message.TryGetAttribute(StunAttributeType.Priority, out var priority));
        Assert.Equal(0x6e0001ffu, BinaryPrimitives.ReadUInt32BigEndian(priority.Value));
        Assert.True(message.TryGetAttribute(StunAttributeType.IceControlled, out var controlled));
        Assert.Equal(0x932ff9b151263b36ul, BinaryPrimitives.ReadUInt64BigEndian(controlled.Value));
        Assert.True(message.TryGetAttribute(StunAttributeType.Software, out var software));
        Assert.Equal("STUN test client", Encoding.UTF8.GetString(software.Value));
    }

    [Theory]
    [InlineData(nameof(Rfc5769Vectors.Ipv4Response), "192.0.2.1")]
    [InlineData(nameof(Rfc5769Vectors.Ipv6Response), "2001:db8:1234:5678:11:2233:4455:6677")]
    public void Rfc5769_SampleResponse_XorMappedAddress(string vector, string address)
    {
        Assert.True(StunMessage.TryRead(Rfc5769Vectors.ByName(vector), out var message, out _));
        Assert.True(message.TryGetAttribute(StunAttributeType.XorMappedAddress, out var attribute));
        Span<byte> bytes = stackalloc byte[16];
        Assert.True(StunXorAddress.TryRead(attribute.Value, message.Raw[4..20], bytes, out int port, out int length));
        Assert.Equal(32853, port);
        Assert.Equal(IPAddress.Parse(address), new IPAddress(bytes[..length]));
    }

    [Theory]
    [InlineData(nameof(Rfc5769Vectors.Ipv4Response), "192.0.2.1")]
    [InlineData(nameof(Rfc5769Vectors.Ipv6Response), "2001:db8:1234:5678:11:2233:4455:6677")]
    public void Rfc5769_SampleResponse_RebuiltByteForByte(string vector, string address)
    {
        var expected = Rfc5769Vectors.ByName(vector);
        var buffer = new byte[256];
        var writer = new StunWriter(buffer, StunMessageType.BindingSuccess, expected.AsSpan(8, 12));
        Assert.True(writer.TryAdd(StunAttributeType.Software, "test vector"u8));
        // RFC 5769 pads SOFTWARE with a space where we pad with zero; the hashes cover padding, so copy it.
        buffer[StunConstants.HeaderLength + 4 + 11] = 0x20;
        Assert.True(writer.TryAddXorMappedAddress(new IPEndPoint(IPAddress.Parse(address), 32853)));
        Assert.True(writer.TryAddMessageIntegrity(Key));
        Assert.True(writer.TryAddFingerprint());
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(writer.Written));
    }

    [Fact]
    public void Rfc8489_Section14_7_TamperedMessage_FailsFingerprint()
    {
        var bytes = (byte[])Rfc5769Vectors.Request.Clone();
        bytes[30] ^= 1;
        Assert.True(StunMessage.TryRead(bytes, out var message, out _));
        Assert.False(StunIntegrity.HasValidFingerprint(message));
        Assert.False(StunIntegrity.HasValidMessageIntegrity(message, Key));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(19)]
    [InlineData(20)]
    [InlineData(50)]
    [InlineData(107)]
    public void Rfc8489_Section5_TruncatedMessage_Rejected(int length) =>
        Assert.False(StunMessage.TryRead(Rfc5769Vectors.Request.AsSpan(0, length), out _, out _));

    [Fact]
    public void Rfc8489_Section5_WrongMagicCookie_Rejected()
    {
        var bytes = (byte[])Rfc5769Vectors.Request.Clone();
        bytes[4] = 0;
        Assert.False(StunMessage.TryRead(bytes, out _, out _));
    }

    [Fact]
    public void Rfc8489_Section14_AttributeOverrunningMessage_Rejected()
    {
        var bytes = (byte[])Rfc5769Vectors.Request.Clone();
        bytes[23] = 0xFF; // SOFTWARE claims 0x00FF bytes
        Assert.False(StunMessage.TryRead(bytes, out _, out _));
    }
}
