namespace PortraitStream.Server.Tests.WebRtc.Fuzz;

/// <summary>One parser's fuzz run: inputs fed, how many the layer accepted and refused, what escaped, how long it took.</summary>
internal sealed record FuzzResult(
    string Parser,
    int Inputs,
    long Accepted,
    long Refused,
    long Exceptions,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, long> Counters,
    FuzzCrash? FirstCrash)
{
    /// <summary>The first crash with the input that caused it (hex), for a regression test; "no crash" otherwise.</summary>
    public string Describe() => FirstCrash is { } crash
        ? $"{Parser}: {Exceptions} exception(s); first at input {crash.Index}: {crash.Exception}\ninput: {Convert.ToHexString(crash.Input)}"
        : $"{Parser}: no crash in {Inputs} inputs";
}

/// <summary>An exception that escaped a parser, with the input that raised it and its place in the seeded sequence.</summary>
internal sealed record FuzzCrash(int Index, byte[] Input, Exception Exception);
