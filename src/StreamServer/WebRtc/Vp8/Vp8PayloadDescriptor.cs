namespace PortraitStream.Server.WebRtc.Vp8;

/// <summary>
/// The VP8 payload descriptor at the start of every RTP payload (RFC 7741 §4.2). Optional fields are
/// -1 when absent.
/// </summary>
internal readonly record struct Vp8PayloadDescriptor(
    bool StartOfPartition,
    byte PartitionIndex,
    bool NonReference = false,
    int PictureId = -1,
    int Tl0PicIndex = -1,
    int TemporalLayer = -1,
    bool LayerSync = false,
    int KeyIndex = -1)
{
    // RFC 7741 §4.2, first octet.
    private const byte ExtendedBit = 0x80, NonReferenceBit = 0x20, StartBit = 0x10, PartitionMask = 0x07;
    // Extension octet (X = 1).
    private const byte PictureIdBit = 0x80, Tl0PicIndexBit = 0x40, TemporalBit = 0x20, KeyIndexBit = 0x10;
    // PictureID: M bit selects the 15-bit form.
    private const byte LongPictureIdBit = 0x80;
    private const byte LayerSyncBit = 0x20, KeyIndexMask = 0x1F;

    /// <summary>Bytes <see cref="TryWrite"/> produces: always the 4-byte form with a 15-bit picture id.</summary>
    public const int WrittenLength = 4;

    /// <summary>True for the first packet of a frame: S = 1 and partition 0 (RFC 7741 §4.2).</summary>
    public bool StartsFrame => StartOfPartition && PartitionIndex == 0;

    /// <summary>Reads the descriptor; <paramref name="consumed"/> is where the VP8 payload starts.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out Vp8PayloadDescriptor descriptor, out int consumed)
    {
        descriptor = default;
        consumed = 0;
        if (payload.IsEmpty)
        {
            return false;
        }

        byte first = payload[0];
        int offset = 1;
        int pictureId = -1, tl0 = -1, tid = -1, keyIndex = -1;
        bool sync = false;
        if ((first & ExtendedBit) != 0)
        {
            if (payload.Length < 2)
            {
                return false;
            }

            byte extension = payload[offset++];
            if ((extension & PictureIdBit) != 0)
            {
                if (offset >= payload.Length)
                {
                    return false;
                }

                bool longId = (payload[offset] & LongPictureIdBit) != 0;
                if (longId && offset + 1 >= payload.Length)
                {
                    return false;
                }

                pictureId = longId ? ((payload[offset] & 0x7F) << 8) | payload[offset + 1] : payload[offset] & 0x7F;
                offset += longId ? 2 : 1;
            }

            if ((extension & Tl0PicIndexBit) != 0)
            {
                if (offset >= payload.Length)
                {
                    return false;
                }

                tl0 = payload[offset++];
            }

            if ((extension & (TemporalBit | KeyIndexBit)) != 0)
            {
                if (offset >= payload.Length)
                {
                    return false;
                }

                byte tidByte = payload[offset++];
                tid = (extension & TemporalBit) != 0 ? tidByte >> 6 : -1;
                sync = (tidByte & LayerSyncBit) != 0;
                keyIndex = (extension & KeyIndexBit) != 0 ? tidByte & KeyIndexMask : -1;
            }
        }

        descriptor = new Vp8PayloadDescriptor((first & StartBit) != 0, (byte)(first & PartitionMask), (first & NonReferenceBit) != 0,
            pictureId, tl0, tid, sync, keyIndex);
        consumed = offset;
        return true;
    }

    /// <summary>Writes X = 1, I = 1 with a 15-bit picture id, S and PID; no layer fields.</summary>
    public bool TryWrite(Span<byte> destination)
    {
        if (destination.Length < WrittenLength)
        {
            return false;
        }

        destination[0] = (byte)(ExtendedBit | (NonReference ? NonReferenceBit : 0) | (StartOfPartition ? StartBit : 0) | (PartitionIndex & PartitionMask));
        destination[1] = PictureIdBit;
        int id = Math.Max(PictureId, 0) & 0x7FFF;
        destination[2] = (byte)(LongPictureIdBit | (id >> 8));
        destination[3] = (byte)id;
        return true;
    }
}
