using PortraitStream.Server.WebRtc.Rtp;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.WebRtc.Vp8;

/// <summary>
/// Reassembles VP8 frames from RTP packets given in sequence order (RFC 7741 §4.5): a frame starts
/// with S = 1 and PID = 0, continues on consecutive sequence numbers with the same timestamp and ends
/// at the marker bit. After any loss it hands out nothing until the next key frame, because VP8 inter
/// frames decoded against a missing reference are corrupt; <see cref="NeedsKeyFrame"/> tells the
/// receiver to ask for one (PLI).
/// </summary>
internal sealed class Vp8Depacketizer : IVideoDepacketizer
{
    /// <summary>Largest frame accepted; far above what 1080p VP8 produces at sane bitrates.</summary>
    public const int MaxFrameLength = 2 * 1024 * 1024;

    private readonly FrameAssemblyBuffer _frame = new(MaxFrameLength);
    private bool _assembling;
    private uint _timestamp;
    private ushort _expectedSequence;
    private bool _haveExpected;

    /// <inheritdoc/>
    public bool NeedsKeyFrame { get; private set; } = true;

    /// <summary>Frames out, drops and malformed input.</summary>
    public DepacketizerCounters Counters { get; } = new();

    /// <inheritdoc/>
    public void AwaitKeyFrame() => NeedsKeyFrame = true;

    /// <summary>Adds one packet; true when it completed a frame that can be decoded.</summary>
    public bool TryPush(in RtpHeader header, ReadOnlySpan<byte> payload, out DepacketizedFrame frame)
    {
        frame = default;
        bool contiguous = _haveExpected && header.SequenceNumber == _expectedSequence;
        _expectedSequence = (ushort)(header.SequenceNumber + 1);
        _haveExpected = true;
        if (payload.IsEmpty)
        {
            // Padding-only packets (RFC 3550 §5.1, sent for bandwidth probing) use up a sequence number
            // and carry nothing; only a gap before them matters.
            if (!contiguous)
            {
                Abandon();
            }

            return false;
        }

        if (!Vp8PayloadDescriptor.TryRead(payload, out var descriptor, out int consumed) || consumed >= payload.Length)
        {
            Counters.MalformedPackets++;
            Abandon();
            return false;
        }
        if (descriptor.StartsFrame)
        {
            if (_assembling || !contiguous)
            {
                // The previous frame lost its tail, or whole packets went missing between frames.
                Abandon();
            }

            _assembling = true;
            _timestamp = header.Timestamp;
            _frame.Clear();
        }
        else if (!_assembling || !contiguous || header.Timestamp != _timestamp)
        {
            Abandon();
            return false;
        }

        if (!_frame.TryAppend(payload[consumed..]))
        {
            Abandon();
            return false;
        }

        return header.Marker && TryComplete(out frame);
    }

    private bool TryComplete(out DepacketizedFrame frame)
    {
        _assembling = false;
        var data = _frame.Contents;
        bool key = Vp8FrameHeader.IsKeyFrame(data.Span);
        if (NeedsKeyFrame && !key)
        {
            Counters.DroppedFrames++;
            frame = default;
            return false;
        }

        NeedsKeyFrame = false;
        Counters.Frames++;
        frame = new DepacketizedFrame(data, _timestamp, key);
        return true;
    }

    private void Abandon()
    {
        if (_assembling)
        {
            Counters.DroppedFrames++;
        }

        _assembling = false;
        _frame.Clear();
        NeedsKeyFrame = true;
    }
}
