using PortraitStream.Server.Media.Sessions;

namespace PortraitStream.Server.Tests.Media.Sessions;

public class RtpTimestampUnwrapperTests
{
    [Fact]
    public void Rfc3550_Section5_1_TimestampWrap_KeepsIncreasing()
    {
        var unwrapper = new RtpTimestampUnwrapper();
        Assert.Equal(uint.MaxValue - 2999L, unwrapper.Unwrap(uint.MaxValue - 2999));
        Assert.Equal(uint.MaxValue + 1L, unwrapper.Unwrap(0));           // wrapped: 3000 ticks later
        Assert.Equal(uint.MaxValue + 3001L, unwrapper.Unwrap(3000));
    }

    [Fact]
    public void RepeatedOrOlderTimestamp_StillAdvances()
    {
        // The encoder needs strictly increasing presentation times even if the browser repeats one.
        var unwrapper = new RtpTimestampUnwrapper();
        long first = unwrapper.Unwrap(9000);
        Assert.True(unwrapper.Unwrap(9000) > first);
        Assert.True(unwrapper.Unwrap(6000) > first);
    }

    [Fact]
    public void Locate_ReorderedAcrossTheWrap_LiesBeforeTheLatest_AndLeavesItInPlace()
    {
        // Audio comes reordered: a late packet keeps its own place instead of being pushed after the newest.
        var unwrapper = new RtpTimestampUnwrapper();
        Assert.Equal(uint.MaxValue - 959L, unwrapper.Locate(uint.MaxValue - 959));
        Assert.Equal(uint.MaxValue + 961L, unwrapper.Locate(960));
        Assert.Equal(uint.MaxValue + 1L, unwrapper.Locate(0));
        Assert.Equal(uint.MaxValue + 1921L, unwrapper.Locate(1920));
    }
}
