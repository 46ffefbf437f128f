using System.Globalization;
using System.Text.RegularExpressions;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>
/// A strict reader of the Prometheus text exposition format (version 0.0.4), enough to hold /metrics to it: every
/// line is a <c># HELP</c>, a <c># TYPE</c> or a sample <c>name{label="value",…} value</c>; a metric's HELP and TYPE come
/// once each and before its samples; every sample belongs to a declared metric (a histogram's through its
/// <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series); a histogram's buckets are cumulative and its <c>+Inf</c> bucket
/// equals its count. <see cref="Parse"/> throws <see cref="FormatException"/> naming the line that breaks a rule.
/// </summary>
internal sealed partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    private PrometheusText(Dictionary<string, string> types, List<Sample> samples) => (MetricTypes, Samples) = (types, samples);

    /// <summary>Declared metric names and their types.</summary>
    public IReadOnlyDictionary<string, string> MetricTypes { get; }

    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>One sample line.</summary>
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    /// <summary>The samples of series <paramref name="name"/> whose labels include every pair of <paramref name="labels"/>.</summary>
    public IEnumerable<Sample> Series(string name, params (string Name, string Value)[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Name, out var v) && v == l.Value));

    /// <summary>The one sample of <paramref name="name"/> with <paramref name="labels"/>; throws when there is none or several.</summary>
    public double Value(string name, params (string Name, string Value)[] labels) => Series(name, labels).Single().Value;

    public static PrometheusText Parse(string text)
    {
        var help = new HashSet<string>(StringComparer.Ordinal);
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var sampled = new HashSet<string>(StringComparer.Ordinal);
        var samples = new List<Sample>();
        var lines = text.Split('\n');
        if (lines[^1].Length != 0)
        {
            throw new FormatException("the exposition does not end with a line feed");
        }

        foreach (var (line, number) in lines[..^1].Select((l, i) => (l, i + 1)))
        {
            if (HelpLine().Match(line) is { Success: true } h)
            {
                var name = h.Groups["name"].Value;
                Require(help.Add(name), number, $"second HELP for {name}");
                Require(!sampled.Contains(name), number, $"HELP for {name} after its samples");
            }
            else if (TypeLine().Match(line) is { Success: true } t)
            {
                var name = t.Groups["name"].Value;
                Require(Types.Contains(t.Groups["type"].Value), number, $"unknown type {t.Groups["type"].Value}");
                Require(types.TryAdd(name, t.Groups["type"].Value), number, $"second TYPE for {name}");
                Require(!sampled.Contains(name), number, $"TYPE for {name} after its samples");
            }
            else if (SampleLine().Match(line) is { Success: true } s)
            {
                var metric = MetricOf(s.Groups["name"].Value, types);
                Require(metric is not null, number, $"sample of undeclared metric: {line}");
                sampled.Add(metric!);
                samples.Add(new Sample(s.Groups["name"].Value, Labels(s.Groups["labels"].Value, number), ParseValue(s.Groups["value"].Value, number)));
            }
            else
            {
                Require(line.Length == 0 || line.StartsWith('#'), number, $"not a HELP, TYPE or sample line: {line}");
            }
        }

        var parsed = new PrometheusText(types, samples);
        parsed.CheckHistograms();
        return parsed;
    }

    private void CheckHistograms()
    {
        foreach (var name in MetricTypes.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            foreach (var count in Series(name + "_count"))
            {
                var others = count.Labels.ToArray();
                var buckets = Series(name + "_bucket", others.Select(l => (l.Key, l.Value)).ToArray())
                    .Where(b => b.Labels.Count == count.Labels.Count + 1)
                    .Select(b => (Le: ParseValue(b.Labels["le"], 0), b.Value)).OrderBy(b => b.Le).ToArray();
                Require(buckets.Length > 0 && double.IsPositiveInfinity(buckets[^1].Le), 0, $"{name}: no +Inf bucket");
                Require(buckets.Zip(buckets.Skip(1)).All(p => p.First.Value <= p.Second.Value), 0, $"{name}: buckets not cumulative");
                Require(buckets[^1].Value == count.Value, 0, $"{name}: +Inf bucket {buckets[^1].Value} ≠ count {count.Value}");
            }
        }
    }

    /// <summary>The declared metric a series belongs to: itself, or the histogram/summary its suffix names.</summary>
    private static string? MetricOf(string series, Dictionary<string, string> types)
    {
        if (types.ContainsKey(series))
        {
            return series;
        }

        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (series.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(series[..^suffix.Length], out var type)
                && type is "histogram" or "summary")
            {
                return series[..^suffix.Length];
            }
        }

        return null;
    }

    private static Dictionary<string, string> Labels(string text, int number)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (text.Length == 0)
        {
            return labels;
        }

        var matches = LabelPair().Matches(text);
        Require(string.Join(",", matches.Select(m => m.Value)) == text.TrimEnd(','), number, $"malformed labels {{{text}}}");
        foreach (Match m in matches)
        {
            Require(labels.TryAdd(m.Groups["name"].Value, Unescape(m.Groups["value"].Value)), number, $"label {m.Groups["name"].Value} twice");
        }

        return labels;
    }

    private static string Unescape(string value) => value.Replace("\\\"", "\"", StringComparison.Ordinal)
        .Replace("\\n", "\n", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);

    private static double ParseValue(string text, int number) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) => v,
        _ => throw new FormatException($"line {number}: not a number: {text}"),
    };

    private static void Require(bool rule, int number, string what)
    {
        if (!rule)
        {
            throw new FormatException(number > 0 ? $"line {number}: {what}" : what);
        }
    }

    [GeneratedRegex(@"^# HELP (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) .*$")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^# TYPE (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*) (?<type>\w+)$")]
    private static partial Regex TypeLine();

    // A label value may hold braces (ASP.NET's http_route="/whep/{id}"): the labels end at the first brace outside quotes.
    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([^""}]|""(\\.|[^""\\])*"")*)\})? (?<value>\S+)( -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
