using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Tests.WebRtc;

namespace PortraitStream.Server.Tests.Pipeline;

public sealed class TokenBucketTests
{
    [Fact]
    public void Burst_ThenRefusal_ThenTheSteadyRate()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(30, 30, time);
        Assert.Equal(30, Enumerable.Range(0, 100).Count(_ => bucket.TryTake()));
        Assert.False(bucket.TryTake());

        time.Advance(TimeSpan.FromMilliseconds(100)); // 3 tokens
        Assert.Equal(3, Enumerable.Range(0, 10).Count(_ => bucket.TryTake()));
    }

    [Fact]
    public void IdleTime_RefillsNoMoreThanTheCapacity()
    {
        var time = new ManualTimeProvider();
        var bucket = new TokenBucket(5, 30, time);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(5, Enumerable.Range(0, 10).Count(_ => bucket.TryTake()));
    }
}
