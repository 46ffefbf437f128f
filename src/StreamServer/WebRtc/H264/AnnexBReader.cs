namespace PortraitStream.Server.WebRtc.H264;

/// <summary>
/// Walks the NAL units of an access unit in Annex B byte-stream form (ITU-T H.264 Annex B): each unit follows a
/// 0x000001 start code, possibly with extra leading zero bytes (zero_byte, trailing_zero_8bits) that belong to no unit.
/// This is what OpenH264 emits and takes, and what the depacketizer rebuilds.
/// </summary>
internal ref struct AnnexBReader(ReadOnlySpan<byte> stream)
{
    private static ReadOnlySpan<byte> StartCode => [0, 0, 1];

    private readonly ReadOnlySpan<byte> _stream = stream;
    private int _position = FindUnitStart(stream, 0);

    /// <summary>Next unit's offset and length in the stream; false at the end. Empty units are skipped.</summary>
    public bool TryNext(out int offset, out int length)
    {
        while (_position >= 0 && _position < _stream.Length)
        {
            offset = _position;
            int next = _stream[offset..].IndexOf(StartCode);
            int end = next < 0 ? _stream.Length : offset + next;
            _position = next < 0 ? -1 : end + StartCode.Length;
            // Zero bytes before a start code are zero_byte or trailing_zero_8bits, never the unit's (a NAL unit's last
            // byte holds the rbsp_stop_one_bit or cabac_zero_word padding, H.264 §7.3.2.11).
            while (end > offset && _stream[end - 1] == 0)
            {
                end--;
            }

            if (end > offset)
            {
                length = end - offset;
                return true;
            }
        }

        offset = length = 0;
        return false;
    }

    private static int FindUnitStart(ReadOnlySpan<byte> stream, int from)
    {
        int index = stream[from..].IndexOf(StartCode);
        return index < 0 ? -1 : from + index + StartCode.Length;
    }
}
