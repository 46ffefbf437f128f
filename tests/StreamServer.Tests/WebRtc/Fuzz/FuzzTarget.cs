namespace PortraitStream.Server.Tests.WebRtc.Fuzz;

/// <summary>
/// One parser under fuzz: how the seeded <see cref="Mutator"/> makes its next input, and what feeding that input does.
/// <c>Feed</c> returns true when the parser accepted the input and false when it refused it; anything it throws
/// (a parser's own exception, or a broken invariant the target checks) is a crash. <see cref="FuzzTargets"/> makes them.
/// </summary>
internal sealed class FuzzTarget(
    string parser,
    Func<Mutator, int, byte[]> input,
    Func<byte[], int, bool> feed,
    Func<IReadOnlyDictionary<string, long>>? counters = null,
    Action? dispose = null) : IDisposable
{
    public string Parser { get; } = parser;

    /// <summary>The i-th input, drawn from the mutator's sequence.</summary>
    public byte[] Input(Mutator mutator, int index) => input(mutator, index);

    /// <summary>Feeds the i-th input; true when the layer accepted it.</summary>
    public bool Feed(byte[] bytes, int index) => feed(bytes, index);

    /// <summary>What the layer counted itself (malformed, bad integrity, dropped frames, …); empty where it counts nothing.</summary>
    public IReadOnlyDictionary<string, long> Counters() => counters?.Invoke() ?? new Dictionary<string, long>();

    /// <summary>
    /// The usual input: a mutated copy of the i-th seed (round robin), and every tenth input plain random bytes,
    /// so that both near-valid packets (which reach deep into a parser) and junk (which tests the first checks) arrive.
    /// </summary>
    public static Func<Mutator, int, byte[]> Mutating(IReadOnlyList<byte[]> seeds) =>
        (mutator, i) => i % 10 == 9 ? mutator.RandomPacket() : mutator.Mutate(seeds[i % seeds.Count]);

    public void Dispose() => dispose?.Invoke();
}
