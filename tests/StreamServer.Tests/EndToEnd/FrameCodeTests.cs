namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// The frame-number code's integrity check: a frame whose blocks VP8 left partly stale shows some bits of one number
/// and the rest of another; every such mix within the reach a <see cref="FrameCode"/> claims must read as one of the two
/// numbers or be rejected, never as a third. Exhaustive: every pair of numbers, every subset of their differing bits.
/// </summary>
public sealed class FrameCodeTests
{
    public static TheoryData<string> Codes => ["echo", "pipeline"];

    private static FrameCode Code(string mode) => mode == "echo" ? FrameCode.Echo : FrameCode.Pipeline;

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryNumber_DecodesToItself(string mode)
    {
        var code = Code(mode);
        for (var number = 0; number < code.Capacity; number++)
        {
            Assert.Equal(number, code.Decode(code.Encode(number)));
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryMixOfTwoNumbersWithinReach_ReadsAsOneOfThemOrIsRejected(string mode)
    {
        var code = Code(mode);
        var mixes = 0;
        for (var distance = 1; distance <= code.CatchesMixesWithin; distance++)
        {
            foreach (var (a, b, read) in Mixes(code, distance))
            {
                mixes++;
                Assert.True(read == a || read == b || read == -1, $"a mix of {a} and {b} read as {read}");
            }
        }

        Assert.True(mixes > 0);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void JustBeyondReach_SomeMixReadsAsAThirdNumber(string mode)
    {
        // The claimed reach is exact: one step further a mix gets through, as perf/RESULTS-latency.md says.
        var code = Code(mode);
        Assert.Contains(Mixes(code, code.CatchesMixesWithin + 1), mix => mix.Read != mix.A && mix.Read != mix.B && mix.Read != -1);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(512)]
    public void NumberOutsideTheCode_IsRefused(int number) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FrameCode.Echo.Encode(number));

    /// <summary>
    /// Every word that takes each differing bit from either of two numbers <paramref name="distance"/> apart (cyclically,
    /// as the clip loops), and what it decodes to.
    /// </summary>
    private static IEnumerable<(int A, int B, int Read)> Mixes(FrameCode code, int distance)
    {
        for (var a = 0; a < code.Capacity; a++)
        {
            var b = (a + distance) % code.Capacity;
            int wordA = code.Encode(a), differing = wordA ^ code.Encode(b);
            // Walks every subset of the differing bits, the empty one (word a) last.
            for (var taken = differing; ; taken = (taken - 1) & differing)
            {
                yield return (a, b, code.Decode(wordA ^ taken));
                if (taken == 0)
                {
                    break;
                }
            }
        }
    }
}
