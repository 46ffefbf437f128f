using System.Diagnostics;

namespace PortraitStream.Server.Tests.WebRtc.Fuzz;

/// <summary>
/// Feeds a target <c>count</c> inputs from a seeded mutator, catching and counting whatever escapes per input so that one
/// crash does not hide the next. The same seed and count replay the same inputs, so a crash reported at input i is
/// reproducible. Used by the hostile-input tests (thousands) and by <c>perf -- fuzz</c> (a million per parser).
/// </summary>
internal static class FuzzRunner
{
    public static FuzzResult Run(FuzzTarget target, int count, int seed)
    {
        var mutator = new Mutator(seed);
        long accepted = 0, refused = 0, exceptions = 0;
        FuzzCrash? first = null;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var input = target.Input(mutator, i);
            try
            {
                // A copy: some layers work in place (SRTP decrypts into the packet) and a crash must report what went in.
                if (target.Feed((byte[])input.Clone(), i))
                {
                    accepted++;
                }
                else
                {
                    refused++;
                }
            }
            catch (Exception e)
            {
                exceptions++;
                first ??= new FuzzCrash(i, input, e);
            }
        }
        return new FuzzResult(target.Parser, count, accepted, refused, exceptions, clock.Elapsed, target.Counters(), first);
    }
}
