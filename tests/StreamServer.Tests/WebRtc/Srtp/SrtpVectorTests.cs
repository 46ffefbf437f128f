using PortraitStream.Server.WebRtc.Srtp;

namespace PortraitStream.Server.Tests.WebRtc.Srtp;

/// <summary>RFC 3711 Appendix B vectors and the known-answer packets of libsrtp's srtp_driver (same master key).</summary>
public class SrtpVectorTests
{
    internal static readonly byte[] MasterKey = Hex.Parse("E1F97A0D3E018BE0D64FA32C06DE4139");
    internal static readonly byte[] MasterSalt = Hex.Parse("0EC675AD498AFEEBB6960B3AABE6");

    [Theory]
    [InlineData(0x0000, "E03EAD0935C95E80E166B16DD92B4EB4")]
    [InlineData(0x0001, "D23513162B02D0F72A43A2FE4A5F97AB")]
    [InlineData(0x0002, "41E95B3BB0A2E8DD477901E4FCA894C0")]
    [InlineData(0xFEFF, "EC8CDF7398607CB0F2D21675EA9EA1E4")]
    [InlineData(0xFF00, "362B7C3C6773516318A077D7FC5073AE")]
    [InlineData(0xFF01, "6A2CC3787889374FBEB4C81B17BA6C44")]
    public void Rfc3711_AppendixB2_Keystream(int block, string expected)
    {
        using var cipher = new AesCounterMode(Hex.Parse("2B7E151628AED2A6ABF7158809CF4F3C"));
        var keystream = new byte[(block + 1) * 16];
        cipher.Transform(Hex.Parse("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000"), keystream);
        Assert.Equal(expected, Convert.ToHexString(keystream, block * 16, 16));
    }

    [Fact]
    public void Rfc3711_AppendixB3_KeyDerivation()
    {
        var keys = SrtpSessionKeys.ForRtp(MasterKey, MasterSalt);
        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Convert.ToHexString(keys.CipherKey));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Convert.ToHexString(keys.Salt));
        Assert.Equal("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4", Convert.ToHexString(keys.AuthKey));
    }

    [Fact]
    public void Rfc3711_Section3_3_LibsrtpKnownAnswer_ProtectAndUnprotect()
    {
        var plain = Hex.Parse("800f1234decafbadcafebabeabababababababababababababababab");
        var expected = Hex.Parse("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
        var buffer = new byte[64];
        plain.CopyTo(buffer, 0);
        using var sender = new SrtpContext(MasterKey, MasterSalt);
        Assert.True(sender.TryProtect(buffer, plain.Length, out int length));
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, length));

        using var receiver = new SrtpContext(MasterKey, MasterSalt);
        Assert.True(receiver.TryUnprotect(buffer.AsSpan(0, length), out int plainLength));
        Assert.Equal(Convert.ToHexString(plain), Convert.ToHexString(buffer, 0, plainLength));
    }

    [Fact]
    public void Rfc3711_Section3_4_LibsrtpKnownAnswer_SrtcpIndexOne()
    {
        var plain = Hex.Parse("81c8000bcafebabeabababababababababababababababab");
        var expected = Hex.Parse("81c8000bcafebabe7128035be487b9bdbef89041f977a5a880000001993e08cd54d6c1230798");
        var buffer = new byte[64];
        using var sender = new SrtcpContext(MasterKey, MasterSalt);
        plain.CopyTo(buffer, 0);
        Assert.True(sender.TryProtect(buffer, plain.Length, out _)); // index 0
        plain.CopyTo(buffer, 0);
        Assert.True(sender.TryProtect(buffer, plain.Length, out int length)); // index 1, as in the vector
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(buffer, 0, length));

        using var receiver = new SrtcpContext(MasterKey, MasterSalt);
        Assert.True(receiver.TryUnprotect(buffer.AsSpan(0, length), out int plainLength));
        Assert.Equal(Convert.ToHexString(plain), Convert.ToHexString(buffer, 0, plainLength));
    }
}
