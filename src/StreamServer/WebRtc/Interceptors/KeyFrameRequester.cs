using PortraitStream.Server.WebRtc.Rtcp;

namespace PortraitStream.Server.WebRtc.Interceptors;

/// <summary>
/// Receive stage: turns "the depacketizer or decoder needs a key frame" into PLIs (RFC 4585 §6.3.1),
/// at most one per <see cref="MinInterval"/> so a lossy stretch does not flood the sender with requests
/// while the key frame is on its way.
/// </summary>
internal sealed class KeyFrameRequester
{
    private readonly TimeProvider _time;
    private long _lastRequest;

    /// <summary>Creates a requester.</summary>
    public KeyFrameRequester(TimeProvider time, TimeSpan minInterval)
    {
        _time = time;
        MinInterval = minInterval;
    }

    /// <summary>Least time between two PLIs.</summary>
    public TimeSpan MinInterval { get; }

    /// <summary>PLIs written.</summary>
    public long Requests { get; private set; }

    /// <summary>Writes a PLI when a key frame is needed and the last request is old enough.</summary>
    public bool TryBuildRequest(bool needed, Span<byte> destination, uint senderSsrc, uint mediaSsrc, out int written)
    {
        written = 0;
        if (!needed || (_lastRequest != 0 && _time.GetElapsedTime(_lastRequest) < MinInterval))
        {
            return false;
        }

        if (!PictureLossIndication.TryWrite(destination, senderSsrc, mediaSsrc, out written))
        {
            return false;
        }

        _lastRequest = _time.GetTimestamp();
        Requests++;
        return true;
    }
}
