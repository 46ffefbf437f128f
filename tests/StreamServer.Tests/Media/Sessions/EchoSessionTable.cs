using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Echo;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.WebRtc;
using PortraitStream.Server.WebRtc.Dtls;

namespace PortraitStream.Server.Tests.Media.Sessions;

/// <summary>The table as the server builds it, minus the host: a fresh DTLS certificate and a handler that records its session.</summary>
internal sealed class EchoSessionTable : IAsyncDisposable
{
    private readonly ServiceProvider _metrics = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly DtlsContext _dtls = new(new DtlsOptions { SrtpProfiles = [SrtpProtectionProfile.Aes128CmHmacSha1Tag80] });

    public EchoSessionTable(WebRtcOptions? options = null)
    {
        Sessions = new MediaSessionTable(_dtls, Options.Create(options ?? new WebRtcOptions()), TimeProvider.System, NullLoggerFactory.Instance,
            [Handler], [], new ServerMetrics(_metrics.GetRequiredService<IMeterFactory>()));
    }

    public RecordingHandler Handler { get; } = new();

    public MediaSessionTable Sessions { get; }

    public async ValueTask DisposeAsync()
    {
        await Sessions.DisposeAsync();
        _dtls.Dispose();
        await _metrics.DisposeAsync();
    }
}

/// <summary>Echo mode's handler, remembering the first session it ran on.</summary>
internal sealed class RecordingHandler : IMediaSessionHandler
{
    private readonly EchoVideoHandler _echo = new(NullLogger<EchoVideoHandler>.Instance);

    public TaskCompletionSource<IMediaSession> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task RunAsync(IMediaSession session, CancellationToken cancellationToken)
    {
        Started.TrySetResult(session);
        return _echo.RunAsync(session, cancellationToken);
    }
}
