using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Tests.Relief.Onnx;

/// <summary>The wire format against the examples of https://protobuf.dev/programming-guides/encoding/.</summary>
public class ProtoWriterTests
{
    /// <summary>Writes per rule (ProtoWriter is internal, so theory rows name the write instead of carrying it).</summary>
    private static readonly Dictionary<string, Action<ProtoWriter>> Writes = new()
    {
        ["SimpleMessage_Varint150"] = w => w.Varint(1, 150),
        ["Strings_Testing"] = w => w.String(2, "testing"),
        ["Submessages"] = w => w.Message(3, m => m.Varint(1, 150)),
        ["NegativeInt64_TenBytes"] = w => w.Varint(1, -1),
        ["Fixed32_One"] = w => w.Fixed32(2, 1f),
        ["Field20_TwoByteTag"] = w => w.Varint(20, 2),
    };

    [Theory]
    [InlineData("SimpleMessage_Varint150", "08 96 01")]          // the guide's "A Simple Message"
    [InlineData("Strings_Testing", "12 07 74 65 73 74 69 6e 67")] // "Strings"
    [InlineData("Submessages", "1a 03 08 96 01")]                // "Submessages"
    [InlineData("NegativeInt64_TenBytes", "08 ff ff ff ff ff ff ff ff ff 01")] // int64 −1: two's complement, ten bytes
    [InlineData("Fixed32_One", "15 00 00 80 3f")]                // wire type 5, little-endian IEEE 754
    [InlineData("Field20_TwoByteTag", "a0 01 02")]               // AttributeProto.type is field 20: a two-byte tag
    public void WireBytes_MatchTheSpecification(string rule, string expectedHex)
    {
        var writer = new ProtoWriter();
        Writes[rule](writer);
        Assert.Equal(expectedHex.Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(writer.ToArray()), ignoreCase: true);
    }
}
