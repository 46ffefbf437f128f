using System.Buffers.Binary;
using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.H264;

/// <summary>
/// Reassembles H.264 access units from RTP packets given in sequence order, in packetization mode 1 (RFC 6184 §6.3:
/// single NAL unit packets, STAP-A, FU-A), into the Annex B byte stream OpenH264 decodes. An access unit is every
/// packet of one RTP timestamp up to the marker bit (§5.1); it is a key frame when it holds an IDR slice. A frame may
/// only start right after the previous one ended (or on the very first packet), because H.264 payloads carry no
/// start-of-frame flag: after a gap the rest of that timestamp is dropped, and nothing is handed out until the next
/// key frame. A packet that breaks the format (forbidden bit, a lying STAP-A size, an FU-A out of order) gives up its
/// frame; unspecified and reserved types (0, 30, 31) are skipped.
/// </summary>
internal sealed class H264Depacketizer : IVideoDepacketizer
{
    /// <summary>Largest access unit accepted; far above what 1080p H.264 produces at sane bitrates.</summary>
    public const int MaxFrameLength = 2 * 1024 * 1024;

    // RFC 6184 §5.7.1 STAP-A sizes and §5.8 FU indicator and header.
    private const int StapASizeLength = 2, FuHeaderLength = 2;
    private const byte FuStartBit = 0x80, FuEndBit = 0x40;
    private static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];

    private readonly FrameAssemblyBuffer _frame = new(MaxFrameLength);
    private bool _assembling;
    private bool _inFragmentedUnit;
    private bool _hasIdr;
    private uint _timestamp;
    private uint? _brokenTimestamp;
    private ushort _expectedSequence;
    private bool _haveExpected;

    /// <inheritdoc/>
    public bool NeedsKeyFrame { get; private set; } = true;

    /// <inheritdoc/>
    public DepacketizerCounters Counters { get; } = new();

    /// <inheritdoc/>
    public void AwaitKeyFrame() => NeedsKeyFrame = true;

    /// <inheritdoc/>
    public bool TryPush(in RtpHeader header, ReadOnlySpan<byte> payload, out DepacketizedFrame frame)
    {
        frame = default;
        bool contiguous = !_haveExpected || header.SequenceNumber == _expectedSequence;
        _expectedSequence = (ushort)(header.SequenceNumber + 1);
        _haveExpected = true;
        if (!contiguous)
        {
            // Whatever was lost may have been any part of any frame: the one in progress is gone, and so is the rest
            // of this packet's timestamp, whose first packets may be among the lost.
            Abandon(header.Timestamp);
        }

        if (payload.IsEmpty)
        {
            // Padding-only packets (RFC 3550 §5.1, sent for bandwidth probing) use up a sequence number and carry nothing.
            return false;
        }

        if (_assembling && header.Timestamp != _timestamp)
        {
            // No gap, yet a new timestamp before the marker: the sender never set it, so the unit may be incomplete.
            // This packet, right after the last one, does start the next frame.
            Abandon(null);
        }

        if (header.Timestamp == _brokenTimestamp)
        {
            return false;
        }

        if (!_assembling)
        {
            // Contiguous here (a gap marked this timestamp broken above), so this packet starts the frame.
            _assembling = true;
            _timestamp = header.Timestamp;
            _brokenTimestamp = null;
            _frame.Clear();
            _hasIdr = false;
            _inFragmentedUnit = false;
        }

        if (!TryAppendPayload(payload))
        {
            Counters.MalformedPackets++;
            Abandon(header.Timestamp);
            return false;
        }

        return header.Marker && TryComplete(out frame);
    }

    private bool TryAppendPayload(ReadOnlySpan<byte> payload)
    {
        byte nalHeader = payload[0];
        int type = H264NalHeader.Type(nalHeader);
        if ((nalHeader & H264NalHeader.ForbiddenBit) != 0)
        {
            return false;
        }

        if (H264NalHeader.IsIgnorable(type))
        {
            Counters.MalformedPackets++;
            return true;
        }

        if (type == H264NalHeader.FuA)
        {
            return TryAppendFragment(payload);
        }

        // A single unit or an aggregate may not arrive while a fragmented unit is still open (RFC 6184 §5.8).
        if (_inFragmentedUnit)
        {
            return false;
        }

        return type == H264NalHeader.StapA ? TryAppendAggregate(payload[1..]) : TryAppendUnit(payload);
    }

    private bool TryAppendAggregate(ReadOnlySpan<byte> units)
    {
        // RFC 6184 §5.7.1: at least one unit; every size must fit in what is left of the packet.
        if (units.IsEmpty)
        {
            return false;
        }

        while (!units.IsEmpty)
        {
            if (units.Length < StapASizeLength)
            {
                return false;
            }

            int size = BinaryPrimitives.ReadUInt16BigEndian(units);
            units = units[StapASizeLength..];
            if (size == 0 || size > units.Length || !TryAppendUnit(units[..size]))
            {
                return false;
            }

            units = units[size..];
        }

        return true;
    }

    private bool TryAppendUnit(ReadOnlySpan<byte> unit)
    {
        int type = H264NalHeader.Type(unit[0]);
        if ((unit[0] & H264NalHeader.ForbiddenBit) != 0 || !H264NalHeader.IsH264Type(type))
        {
            return false;
        }

        _hasIdr |= type == H264NalHeader.IdrSlice;
        return _frame.TryAppend(StartCode) && _frame.TryAppend(unit);
    }

    private bool TryAppendFragment(ReadOnlySpan<byte> payload)
    {
        // RFC 6184 §5.8: FU indicator, FU header (S, E, R, type), then at least one byte of the unit.
        if (payload.Length <= FuHeaderLength)
        {
            return false;
        }

        byte fuHeader = payload[1];
        bool start = (fuHeader & FuStartBit) != 0, end = (fuHeader & FuEndBit) != 0;
        int type = H264NalHeader.Type(fuHeader);
        // S and E in one header is forbidden; a start inside an open unit or a continuation without one means loss
        // or a broken sender.
        if ((start && end) || start == _inFragmentedUnit || !H264NalHeader.IsH264Type(type))
        {
            return false;
        }

        if (start)
        {
            _hasIdr |= type == H264NalHeader.IdrSlice;
            byte unitHeader = (byte)((payload[0] & (H264NalHeader.ForbiddenBit | H264NalHeader.NriMask)) | type);
            if (!_frame.TryAppend(StartCode) || !_frame.TryAppend([unitHeader]))
            {
                return false;
            }
        }

        _inFragmentedUnit = !end;
        return _frame.TryAppend(payload[FuHeaderLength..]);
    }

    private bool TryComplete(out DepacketizedFrame frame)
    {
        frame = default;
        _assembling = false;
        if (_inFragmentedUnit || _frame.Length == 0)
        {
            // The marker came before the unit's last fragment, or the frame held only ignorable units.
            Abandon(null);
            return false;
        }

        if (NeedsKeyFrame && !_hasIdr)
        {
            Counters.DroppedFrames++;
            return false;
        }

        NeedsKeyFrame = false;
        Counters.Frames++;
        frame = new DepacketizedFrame(_frame.Contents, _timestamp, _hasIdr);
        return true;
    }

    /// <summary>Gives up the frame in progress; packets of <paramref name="brokenTimestamp"/> are dropped until a new one starts.</summary>
    private void Abandon(uint? brokenTimestamp)
    {
        if (_assembling)
        {
            Counters.DroppedFrames++;
        }

        _assembling = false;
        _inFragmentedUnit = false;
        _frame.Clear();
        _brokenTimestamp = brokenTimestamp;
        NeedsKeyFrame = true;
    }
}
