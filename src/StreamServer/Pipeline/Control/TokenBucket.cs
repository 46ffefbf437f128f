namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// A token bucket: holds up to <paramref name="capacity"/> tokens, refilled at <paramref name="perSecond"/>; each
/// admitted call takes one. A burst of <paramref name="capacity"/> calls passes, then the steady rate. Thread-safe.
/// </summary>
internal sealed class TokenBucket(int capacity, double perSecond, TimeProvider time)
{
    private readonly Lock _gate = new();
    private double _tokens = capacity;
    private long _last = time.GetTimestamp();

    /// <summary>Takes a token; false (nothing taken) when the bucket is empty.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            _tokens = Math.Min(capacity, _tokens + time.GetElapsedTime(_last, now).TotalSeconds * perSecond);
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens--;
            return true;
        }
    }
}
