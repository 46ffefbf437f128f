namespace PortraitStream.Server.Tests.Hosting;

/// <summary>The exposition reader the /metrics tests rely on accepts the format and refuses each way of breaking it.</summary>
public sealed class PrometheusTextTests
{
    private const string Valid =
        "# HELP jobs_done Jobs done.\n# TYPE jobs_done gauge\njobs_done{kind=\"a\",note=\"say \\\"hi\\\"\"} 3\njobs_done{kind=\"b\"} 1.5e3\n" +
        "jobs_done{kind=\"c\",route=\"/whep/{id}\"} 4\n" +
        "# HELP wait_seconds Wait.\n# TYPE wait_seconds histogram\n" +
        "wait_seconds_sum 0.7\nwait_seconds_count 2\nwait_seconds_bucket{le=\"0.5\"} 1\nwait_seconds_bucket{le=\"+Inf\"} 2\n";

    [Fact]
    public void ValidExposition_ParsesEverySample()
    {
        var text = PrometheusText.Parse(Valid);
        Assert.Equal(3, text.Value("jobs_done", ("kind", "a")));
        Assert.Equal("say \"hi\"", text.Series("jobs_done", ("kind", "a")).Single().Labels["note"]);
        Assert.Equal(1500, text.Value("jobs_done", ("kind", "b")));
        Assert.Equal("/whep/{id}", text.Series("jobs_done", ("kind", "c")).Single().Labels["route"]); // braces inside a value

        Assert.Equal(2, text.Value("wait_seconds_count"));
        Assert.Equal("histogram", text.MetricTypes["wait_seconds"]);
    }

    [Theory]
    [InlineData("jobs_done 1\n", "undeclared")]
    [InlineData("# TYPE jobs_done gauge\njobs_done one\n", "not a number")]
    [InlineData("# TYPE jobs_done gauge\n# TYPE jobs_done gauge\n", "second TYPE")]
    [InlineData("# TYPE jobs_done gauge\njobs_done 1\n# HELP jobs_done late\n", "after its samples")]
    [InlineData("# TYPE jobs_done meter\n", "unknown type")]
    [InlineData("# TYPE jobs_done gauge\njobs_done{kind=a} 1\n", "malformed labels")]
    [InlineData("# TYPE jobs_done gauge\njobs_done 1", "line feed")]
    [InlineData("# TYPE w histogram\nw_count 2\nw_bucket{le=\"1\"} 2\nw_bucket{le=\"+Inf\"} 1\n", "not cumulative")]
    [InlineData("# TYPE w histogram\nw_count 3\nw_bucket{le=\"+Inf\"} 2\n", "≠ count")]
    [InlineData("{kind=\"a\"} 1\n", "not a HELP, TYPE or sample")]
    public void BrokenExposition_IsRefused_NamingTheRule(string text, string rule)
    {
        var error = Assert.Throws<FormatException>(() => PrometheusText.Parse(text));
        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
    }
}
