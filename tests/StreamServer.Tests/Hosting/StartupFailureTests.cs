using Microsoft.Extensions.Options;
using PortraitStream.Server.Hosting;

namespace PortraitStream.Server.Tests.Hosting;

/// <summary>Which start-up exceptions are the operator's to fix (one line and exit 1) and which stay the server's own crash.</summary>
public sealed class StartupFailureTests
{
    [Fact]
    public void EveryValidationFailure_IsInTheReason()
    {
        var invalid = new OptionsValidationException("Auth", typeof(object), ["Auth:Token is too short.", "Auth:Jwt:Audience is empty."]);
        Assert.Equal("Auth:Token is too short. Auth:Jwt:Audience is empty.", StartupFailure.Describe(invalid));
    }

    [Fact]
    public void SeveralHostedServicesFailing_OnSettings_AreDescribedTogether_ButOneServerFault_LeavesItACrash()
    {
        var settings = new OptionsValidationException("A", typeof(object), ["A is bad."]);
        Assert.Equal("A is bad. A is bad.", StartupFailure.Describe(new AggregateException(settings, settings)));
        Assert.Null(StartupFailure.Describe(new AggregateException(settings, new ObjectDisposedException("renderer"))));
    }

    [Fact]
    public void AServerFault_IsNotDescribed()
    {
        Assert.Null(StartupFailure.Describe(new ObjectDisposedException("renderer")));
        Assert.Null(StartupFailure.Describe(new InvalidOperationException("a bug", new ArgumentException("x"))));
        Assert.Null(StartupFailure.Describe(new IOException("disk full")));
    }
}
