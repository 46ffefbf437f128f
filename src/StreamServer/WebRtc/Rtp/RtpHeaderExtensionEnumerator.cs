namespace PortraitStream.Server.WebRtc.Rtp;

/// <summary>
/// Walks the elements of an RFC 8285 header extension block, one-byte (profile 0xBEDE, §4.2) or two-byte
/// (profile 0x100X, §4.3); stops at a truncated element or, for one-byte, at the reserved id 15.
/// </summary>
internal ref struct RtpHeaderExtensionEnumerator
{
    /// <summary>RFC 8285 §4.2.</summary>
    public const ushort OneByteProfile = 0xBEDE;
    /// <summary>RFC 8285 §4.3: 0x100 followed by 4 application bits.</summary>
    public const ushort TwoByteProfileMask = 0xFFF0, TwoByteProfile = 0x1000;

    private const byte OneByteStopId = 15;

    private readonly ReadOnlySpan<byte> _data;
    private readonly bool _twoByte;
    private int _next;

    /// <summary>Walks <paramref name="data"/>; an unknown profile yields nothing.</summary>
    public RtpHeaderExtensionEnumerator(ushort profile, ReadOnlySpan<byte> data)
    {
        _twoByte = (profile & TwoByteProfileMask) == TwoByteProfile;
        _data = profile == OneByteProfile || _twoByte ? data : default;
        _next = 0;
        Current = default;
    }

    /// <summary>The element at the cursor.</summary>
    public RtpHeaderExtension Current { get; private set; }

    /// <summary>Supports <c>foreach</c>.</summary>
    public readonly RtpHeaderExtensionEnumerator GetEnumerator() => this;

    /// <summary>Advances over padding bytes (id 0) to the next element.</summary>
    public bool MoveNext()
    {
        while (_next < _data.Length && _data[_next] == 0)
        {
            _next++;
        }

        if (_next >= _data.Length)
        {
            return false;
        }

        byte id;
        int length, valueStart;
        if (_twoByte)
        {
            if (_next + 2 > _data.Length)
            {
                return false;
            }

            id = _data[_next];
            length = _data[_next + 1];
            valueStart = _next + 2;
        }
        else
        {
            id = (byte)(_data[_next] >> 4);
            length = (_data[_next] & 0x0F) + 1;
            valueStart = _next + 1;
            if (id == OneByteStopId)
            {
                return false;
            }
        }

        if (valueStart + length > _data.Length)
        {
            _next = _data.Length;
            return false;
        }

        Current = new RtpHeaderExtension(id, _data.Slice(valueStart, length));
        _next = valueStart + length;
        return true;
    }
}
