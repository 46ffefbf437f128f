namespace PortraitStream.Server.Tests.WebRtc.Fuzz;

/// <summary>
/// Thousands of seeded mutations of valid input per parser (<see cref="FuzzTargets"/>, the same targets that
/// <c>perf -- fuzz</c> runs a million times each): every parser must refuse or accept them without throwing, and
/// refusals must be counted where the layer counts.
/// </summary>
public class HostileInputTests
{
    private const int Iterations = 5000;
    private const int Seed = 5769;

    public static TheoryData<int> Targets => [.. Enumerable.Range(0, FuzzTargets.All.Count)];

    private static FuzzResult Run(Func<FuzzTarget> create)
    {
        using var target = create();
        var result = FuzzRunner.Run(target, Iterations, Seed);
        Assert.True(result.Exceptions == 0, result.Describe());
        Assert.Equal(Iterations, result.Accepted + result.Refused);
        return result;
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Fuzz_EveryParser_NeverThrows_AndRefusesMostMutations(int index)
    {
        var result = Run(FuzzTargets.All[index]);

        // A mutation of valid input is nearly always invalid: a parser that accepts most of them is not checking.
        Assert.True(result.Refused > 0, $"{result.Parser} refused nothing");
    }

    [Fact]
    public void Fuzz_StunAndIceAgent_CountsWhatItDrops()
    {
        var result = Run(FuzzTargets.StunAndIce);

        var counted = result.Counters["malformed"] + result.Counters["bad fingerprint"] + result.Counters["bad username"] + result.Counters["bad integrity"];
        Assert.True(counted > Iterations / 2, $"{counted} counted");
    }

    [Fact]
    public void Fuzz_SrtpAndSrtcp_NothingForgedAuthenticates()
    {
        // Only an unmodified copy of the seed can pass, and at most once: then replay protection refuses it.
        Assert.InRange(Run(FuzzTargets.Srtp).Accepted, 0, 1);
        Assert.InRange(Run(FuzzTargets.Srtcp).Accepted, 0, 1);
    }

    [Fact]
    public void Fuzz_OpusReceiver_CountsWhatItDrops_AndPlacesWhatItTakes()
    {
        var result = Run(FuzzTargets.OpusReceiveAndDelay);

        Assert.True(result.Counters["foreign ssrc"] + result.Counters["oversized"] + result.Counters["malformed"] > 0, string.Join(", ", result.Counters));
        Assert.True(result.Accepted > 0, "no mutation kept the payload type and SSRC");
    }

    [Fact]
    public void Fuzz_Vp8Depacketizer_CountsMalformedAndDroppedFrames()
    {
        var result = Run(FuzzTargets.Vp8Depacketizer);

        Assert.True(result.Counters["malformed packets"] + result.Counters["dropped frames"] > 0);
    }

    [Fact]
    public void Fuzz_H264DepacketizerAndDecoder_FramesReachTheDecoder_MalformedCounted()
    {
        var result = Run(FuzzTargets.H264DepacketizerAndDecoder);

        Assert.True(result.Counters["malformed packets"] > 0);
        Assert.True(result.Counters["decoded"] + result.Counters["decode failed"] > 0, string.Join(", ", result.Counters));
    }
}
