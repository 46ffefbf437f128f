using System.Buffers.Binary;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>
/// Reads Protocol Buffers wire format (https://protobuf.dev/programming-guides/encoding/): the inverse of the relief
/// encoder's ProtoWriter, enough for MediaPipe's geometry metadata — varints, fixed32 floats, length-delimited
/// messages and packed repeated fields. Throws <see cref="InvalidDataException"/> on truncated or malformed input.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    /// <summary>The next field's number and wire type, or false at the end.</summary>
    public bool TryReadTag(out int field, out int wireType)
    {
        if (_position >= _data.Length)
        {
            (field, wireType) = (0, 0);
            return false;
        }
        var tag = ReadVarint();
        (field, wireType) = ((int)(tag >> 3), (int)(tag & 7));
        return true;
    }

    /// <summary>Whether bytes remain (for walking a packed repeated field).</summary>
    public readonly bool TryPeekMore() => _position < _data.Length;

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Next(1)[0];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("varint longer than 10 bytes");
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Next(4));

    public ReadOnlySpan<byte> ReadBytes() => Next(checked((int)ReadVarint()));

    public void Skip(int wireType)
    {
        _ = wireType switch
        {
            Varint => ReadVarint(),
            Fixed64 => (ulong)Next(8).Length,
            LengthDelimited => (ulong)ReadBytes().Length,
            Fixed32 => (ulong)Next(4).Length,
            _ => throw new InvalidDataException($"wire type {wireType}"),
        };
    }

    private ReadOnlySpan<byte> Next(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw new InvalidDataException($"truncated at byte {_position}");
        }
        var span = _data.Slice(_position, count);
        _position += count;
        return span;
    }
}
