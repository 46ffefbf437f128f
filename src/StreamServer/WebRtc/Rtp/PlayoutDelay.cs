namespace PortraitStream.Server.WebRtc.Rtp;

/// <summary>
/// The playout-delay header extension (webrtc.org experiments, docs/native-code/rtp-hdrext/playout-delay in libwebrtc):
/// the sender's bounds on how long the receiver may hold a frame between capture and render. Its wire format is one
/// 3-byte element, "MIN delay" then "MAX delay", 12 bits each "in 10 ms granularity" (0–40.95 s). Chromium and Firefox
/// (libwebrtc) clamp their jitter buffer's target delay into [min, max]; with min 0 and a small max they render each
/// frame as soon as it is decodable (libwebrtc's low-latency path) instead of smoothing the render's uneven send pace.
/// </summary>
internal static class PlayoutDelay
{
    /// <summary>The extmap URI announced in SDP.</summary>
    public const string Uri = "http://www.webrtc.org/experiments/rtp-hdrext/playout-delay";

    /// <summary>Element value length.</summary>
    public const int Length = 3;

    /// <summary>
    /// What our video asks for: no minimum, and at most 100 ms. A live portrait is interactive (the viewer turns, the
    /// picture follows), so its frames should be shown when they arrive; its send pace swings with the render by far more
    /// than the network's jitter, and an adaptive jitter buffer left to itself held 0.5 s a frame to smooth that out.
    /// </summary>
    public static readonly (TimeSpan Min, TimeSpan Max) Requested = (TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    private const int FieldMask = 0xFFF;

    private static readonly TimeSpan Granularity = TimeSpan.FromMilliseconds(10);

    /// <summary>Writes the 3-byte value for <paramref name="min"/> and <paramref name="max"/>, each rounded down to 10 ms and held to 0–40.95 s.</summary>
    public static void Write(TimeSpan min, TimeSpan max, Span<byte> destination)
    {
        int low = Units(min), high = Units(max);
        destination[0] = (byte)(low >> 4);
        destination[1] = (byte)((low << 4) | (high >> 8));
        destination[2] = (byte)high;
    }

    private static int Units(TimeSpan delay) => (int)Math.Clamp(delay.Ticks / Granularity.Ticks, 0, FieldMask);
}
