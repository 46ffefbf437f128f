namespace PortraitStream.Server.WebRtc.Interceptors;

/// <summary>
/// Send stage: the encoder's target bitrate, following the receiver's REMB estimate
/// (draft-alvestrand-rmcat-remb §2): drops to a new lower estimate at once (congestion must be relieved
/// now), rises towards a higher one by at most <see cref="MaxIncreasePerSecond"/> (probing gently),
/// and stays within the configured bounds.
/// </summary>
internal sealed class RembBitrateController
{
    /// <summary>Relative increase allowed per second.</summary>
    public const double MaxIncreasePerSecond = 0.08;

    // Leave headroom below the estimate for RTCP, retransmissions and SRTP overhead.
    private const double EstimateShare = 0.9;

    private readonly TimeProvider _time;
    private long _lastUpdate;

    /// <summary>Starts at <paramref name="initial"/> bits per second within [min, max].</summary>
    public RembBitrateController(int initial, int min, int max, TimeProvider time)
    {
        Min = min;
        Max = max;
        TargetBitrate = Math.Clamp(initial, min, max);
        _time = time;
        _lastUpdate = time.GetTimestamp();
    }

    /// <summary>Lowest target.</summary>
    public int Min { get; }

    /// <summary>Highest target.</summary>
    public int Max { get; }

    /// <summary>What the encoder should aim for, in bits per second.</summary>
    public int TargetBitrate { get; private set; }

    /// <summary>Applies a REMB value; true when the target changed.</summary>
    public bool OnRemb(ulong estimate)
    {
        long now = _time.GetTimestamp();
        double seconds = _time.GetElapsedTime(_lastUpdate, now).TotalSeconds;
        _lastUpdate = now;
        double wanted = Math.Clamp(estimate * EstimateShare, Min, Max);
        double next = wanted <= TargetBitrate
            ? wanted
            : Math.Min(wanted, TargetBitrate * (1 + (MaxIncreasePerSecond * Math.Min(seconds, 1.0))));
        int rounded = (int)Math.Clamp(next, Min, Max);
        bool changed = rounded != TargetBitrate;
        TargetBitrate = rounded;
        return changed;
    }
}
