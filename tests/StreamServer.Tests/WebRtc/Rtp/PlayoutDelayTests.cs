using PortraitStream.Server.WebRtc.Rtp;

namespace PortraitStream.Server.Tests.WebRtc.Rtp;

/// <summary>The playout-delay value: MIN then MAX, 12 bits each, in 10 ms units (webrtc.org rtp-hdrext/playout-delay).</summary>
public class PlayoutDelayTests
{
    [Theory]
    [InlineData(0, 100, "00000A")]
    [InlineData(0, 0, "000000")]
    [InlineData(20, 40950, "002FFF")]
    [InlineData(40950, 40950, "FFFFFF")]
    [InlineData(15, 1009, "001064")]     // rounded down to 10 ms
    [InlineData(100_000, 50_000, "FFFFFF")] // beyond 40.95 s: held at the most the fields say
    public void WireFormat_TwelveBitsEach_TenMillisecondUnits(int minMs, int maxMs, string hex)
    {
        var value = new byte[PlayoutDelay.Length];
        PlayoutDelay.Write(TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs), value);
        Assert.Equal(hex, Convert.ToHexString(value));
    }

    [Fact]
    public void Requested_NoMinimumAndAtMostATenthOfASecond()
    {
        var value = new byte[PlayoutDelay.Length];
        PlayoutDelay.Write(PlayoutDelay.Requested.Min, PlayoutDelay.Requested.Max, value);
        Assert.Equal("00000A", Convert.ToHexString(value));
    }
}
