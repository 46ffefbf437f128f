using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace PortraitStream.Inference.Relief.Onnx;

/// <summary>
/// Protocol Buffers wire format, the subset ONNX models need: varints, 32-bit floats, length-delimited strings, bytes
/// and nested messages (https://protobuf.dev/programming-guides/encoding/). The relief encoder writes its model with
/// this rather than protoc-generated classes: an ONNX graph uses a dozen fields, hand-written they are ~150 lines with
/// the field numbers cited from onnx.proto, the build needs no code generator, and the output is deterministic by
/// construction (fields are written in the order the code writes them, maps never appear).
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly ArrayBufferWriter<byte> _buffer = new();

    public void Varint(int field, long value)
    {
        Tag(field, WireVarint);
        RawVarint((ulong)value);
    }

    public void Fixed32(int field, float value)
    {
        Tag(field, WireFixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    public void String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    public void Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, WireLengthDelimited);
        RawVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>A nested message, written by <paramref name="body"/> into its own buffer and then length-prefixed.</summary>
    public void Message(int field, Action<ProtoWriter> body)
    {
        var nested = new ProtoWriter();
        body(nested);
        Bytes(field, nested.ToArray());
    }

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private void Tag(int field, int wireType) => RawVarint((ulong)((field << 3) | wireType));

    private void RawVarint(ulong value)
    {
        while (value >= 0x80)
        {
            Byte((byte)(value | 0x80));
            value >>= 7;
        }
        Byte((byte)value);
    }

    private void Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }
}
