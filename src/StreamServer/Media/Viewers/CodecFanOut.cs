using System.Buffers;
using System.Diagnostics;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Server.Media.Viewers;

/// <summary>
/// The viewers of one session that take one codec, and the one encoder they share: each picture is encoded once and
/// the same bytes are packetized by every viewer's own sender. The encoder runs at the lowest REMB target among them
/// (a shared stream must fit the narrowest path; the others get less than they could, never more than they can take).
/// A key frame is made when a viewer becomes able to receive (DTLS done) or asks (PLI/FIR), at most one per
/// <see cref="KeyFrameSpacing"/>: many viewers asking at once, or one asking on every loss, cannot turn the shared stream
/// into key frames only; a request inside the spacing waits for its end. The owner's lock guards every call.
/// </summary>
internal sealed class CodecFanOut(VideoCodec codec, ViewerMetrics metrics, TimeProvider time) : IDisposable
{
    /// <summary>The shortest time between two requested key frames.</summary>
    public static readonly TimeSpan KeyFrameSpacing = TimeSpan.FromMilliseconds(250);

    private readonly VideoStreamEncoder _encoder = VideoCodecs.CreateStreamEncoder(codec);
    private readonly ArrayBufferWriter<byte> _encoded = new(64 * 1024);
    private readonly List<Viewer> _viewers = [];
    private readonly HashSet<Viewer> _receiving = [];
    private readonly KeyValuePair<string, object?> _tag = ViewerMetrics.CodecTag(codec);
    private bool _keyFrameWanted;
    private long? _lastKeyFrame;

    public bool IsEmpty => _viewers.Count == 0;

    public void Add(Viewer viewer) => _viewers.Add(viewer);

    public void Remove(Viewer viewer)
    {
        _viewers.Remove(viewer);
        _receiving.Remove(viewer);
    }

    /// <summary>
    /// Encodes <paramref name="picture"/> at RTP time <paramref name="ticks"/> once and sends it to every viewer that can
    /// receive, standing for the instant <paramref name="dueTicks"/> (Stopwatch ticks) in their sender reports, the
    /// instant the audio of the same capture is due, so a player lines both up (RFC 3550 §6.4.1); the bytes encoded, 0 when none.
    /// </summary>
    public int Send(I420Frame picture, long ticks, long dueTicks)
    {
        int bitrate = int.MaxValue;
        foreach (var viewer in _viewers)
        {
            // Every viewer's request is taken each frame, so one made during the spacing is not lost but merged.
            _keyFrameWanted |= viewer.Connection.Sender.TakeKeyFrameRequest();
            if (!viewer.Connection.IsSecured)
            {
                continue; // still in ICE/DTLS: what we sent now would be lost
            }

            // A viewer's first frame must be a key frame, or its decoder waits for the next PLI round trip.
            _keyFrameWanted |= _receiving.Add(viewer);
            bitrate = Math.Min(bitrate, viewer.Connection.Sender.Bitrate.TargetBitrate);
        }

        if (_receiving.Count == 0)
        {
            return 0;
        }

        bool keyFrame = _keyFrameWanted && (_lastKeyFrame is not { } last || time.GetElapsedTime(last) >= KeyFrameSpacing);
        _encoded.ResetWrittenCount();
        if (!_encoder.TryEncode(picture, ticks, bitrate, keyFrame, _encoded, out var info))
        {
            return 0;
        }

        metrics.Encodes.Add(1, _tag);
        if (info.IsKeyframe)
        {
            // A key frame the encoder made by itself (the first, a new size) serves the waiting requests as well.
            (_keyFrameWanted, _lastKeyFrame) = (false, time.GetTimestamp());
        }

        // Taken after the encode: the offset is from the instant the packets leave.
        var presentation = TimeSpan.FromSeconds((dueTicks - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        foreach (var viewer in _receiving)
        {
            viewer.Connection.Sender.SendFrame(_encoded.WrittenSpan, unchecked((uint)ticks), presentation);
        }

        metrics.FramesSent.Add(_receiving.Count, _tag);
        return _encoded.WrittenCount;
    }

    public void Dispose() => _encoder.Dispose();
}
