namespace PortraitStream.Server.WebRtc.Video;

/// <summary>
/// Where a depacketizer puts a frame together: grows by doubling up to <paramref name="maxLength"/> and refuses to
/// go past it, so a sender cannot make us hold more than one frame's worth of its choosing.
/// </summary>
internal sealed class FrameAssemblyBuffer(int maxLength)
{
    private byte[] _buffer = new byte[Math.Min(64 * 1024, maxLength)];

    /// <summary>Bytes assembled so far.</summary>
    public int Length { get; private set; }

    /// <summary>The assembled bytes; valid until the next <see cref="Clear"/> or <see cref="TryAppend"/>.</summary>
    public ReadOnlyMemory<byte> Contents => _buffer.AsMemory(0, Length);

    /// <summary>Appends <paramref name="data"/>; false, with nothing appended, when that would pass the limit.</summary>
    public bool TryAppend(ReadOnlySpan<byte> data)
    {
        int needed = Length + data.Length;
        if (needed > maxLength)
        {
            return false;
        }

        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Min(maxLength, Math.Max(needed, _buffer.Length * 2)));
        }

        data.CopyTo(_buffer.AsSpan(Length));
        Length = needed;
        return true;
    }

    public void Clear() => Length = 0;
}
