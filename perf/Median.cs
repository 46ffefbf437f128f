namespace PortraitStream.Perf;

/// <summary>The upper median of a harness's samples (the middle one of an odd count): a time that was actually measured.</summary>
internal static class Median
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
