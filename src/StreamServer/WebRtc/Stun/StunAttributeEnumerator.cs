using System.Buffers.Binary;

namespace PortraitStream.Server.WebRtc.Stun;

/// <summary>Walks the TLV attributes of a message (RFC 8489 §14), stopping at the first malformed one.</summary>
internal ref struct StunAttributeEnumerator
{
    private readonly ReadOnlySpan<byte> _message;
    private int _next;

    /// <summary>Starts after the 20-byte header of <paramref name="message"/>.</summary>
    public StunAttributeEnumerator(ReadOnlySpan<byte> message)
    {
        _message = message;
        _next = StunConstants.HeaderLength;
        Current = default;
        EndedCleanly = false;
    }

    /// <summary>The attribute at the cursor.</summary>
    public StunAttributeView Current { get; private set; }

    /// <summary>True once the walk reached the end of the message exactly, with no truncated attribute.</summary>
    public bool EndedCleanly { get; private set; }

    /// <summary>Supports <c>foreach</c>.</summary>
    public readonly StunAttributeEnumerator GetEnumerator() => this;

    /// <summary>Advances; false at the end or at a malformed attribute.</summary>
    public bool MoveNext()
    {
        if (_next == _message.Length)
        {
            EndedCleanly = true;
            return false;
        }

        if (_next + StunConstants.AttributeHeaderLength > _message.Length)
        {
            return false;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(_message[_next..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(_message[(_next + 2)..]);
        int valueStart = _next + StunConstants.AttributeHeaderLength;
        // RFC 8489 §14: values are padded to a multiple of 4 bytes; the length excludes the padding.
        int padded = (length + 3) & ~3;
        if (valueStart + padded > _message.Length)
        {
            _next = _message.Length + 1;
            return false;
        }

        Current = new StunAttributeView(type, _message.Slice(valueStart, length), _next);
        _next = valueStart + padded;
        return true;
    }
}
