using PortraitStream.Server.Tests.WebRtc;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Tests.WebRtc.Session;

public sealed class SessionAdmissionTests
{
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void PerClientQuota_AndTotal_AreCheckedWithTheReservation()
    {
        var admission = new SessionAdmission(maxSessions: 3, maxSessionsPerClient: 2, _time);
        var a1 = admission.TryAdmit("a", out _);
        var a2 = admission.TryAdmit("a", out _);
        Assert.NotNull(a1);
        Assert.NotNull(a2);
        Assert.Null(admission.TryAdmit("a", out var refusal));
        Assert.Contains("per client", refusal, StringComparison.Ordinal);
        Assert.NotNull(admission.TryAdmit("b", out _));
        Assert.Null(admission.TryAdmit("c", out _));
        Assert.Equal(3, admission.Count);

        a1!.Dispose();
        a1.Dispose(); // freed once
        Assert.Equal(2, admission.Count);
    }

    [Fact]
    public void FreedSlot_GoesToTheWaitingClient_UntilItsClaimExpires()
    {
        var admission = new SessionAdmission(maxSessions: 2, maxSessionsPerClient: 2, _time);
        var a1 = admission.TryAdmit("a", out _)!;
        _ = admission.TryAdmit("a", out _)!;
        Assert.Null(admission.TryAdmit("b", out _)); // b now waits

        a1.Dispose();
        Assert.Null(admission.TryAdmit("a", out _)); // a may not refill ahead of b
        _time.Advance(SessionAdmission.WaitingWindow + TimeSpan.FromSeconds(1));
        Assert.NotNull(admission.TryAdmit("a", out _)); // b never came back: its claim lapsed
    }

    [Fact]
    public async Task ConcurrentAdmissions_NeverOvershoot()
    {
        var admission = new SessionAdmission(maxSessions: 10, maxSessionsPerClient: 10, _time);
        var admitted = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => admission.TryAdmit("c" + (i % 7), out _) is not null)));
        Assert.Equal(10, admitted.Count(a => a));
        Assert.Equal(10, admission.Count);
    }
}
