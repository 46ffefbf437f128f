using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Scheduling;
using PortraitStream.Server.WebRtc.Warmup;

namespace PortraitStream.Server.Pipeline.Health;

/// <summary>
/// Pays the first session's start-up costs as the server starts instead of on the first user's first frame: runs the
/// media edge's layers once in memory (<see cref="TransportWarmup"/>: SDP, ICE, DTLS, SRTP, RTP and RTCP, no socket),
/// loads the default model bundle, then runs a real <see cref="PortraitPipeline"/> over the sample portrait for a few frames
/// (<see cref="WarmUpMediaSession"/>: no peer; VP8 and H.264 encoded and decoded) — JIT compilation of every stage,
/// ONNX Runtime's first sessions, the Vulkan device's first compute pipelines and allocations, the codec libraries.
/// Readiness (<see cref="PipelineWarmupCheck"/>) waits for it. A warm-up that fails is logged and ends: it only saves
/// time, so the server is ready without it (a default model that does not load keeps <see cref="DefaultModelCheck"/> failing).
/// </summary>
internal sealed class PipelineWarmup(
    OnnxSessionFactory sessions, VolumeRendererFactory renderers, ModelCatalog models, TransportWarmup transport,
    IOptions<PipelineOptions> options, ILogger<PipelineWarmup> logger) : BackgroundService, IAsyncDisposable
{
    /// <summary>The first frame pays the cold costs; the second takes the tracking path and the render that follows a previous frame.</summary>
    private const int Frames = 2;

    private static readonly TimeSpan FrameDeadline = TimeSpan.FromSeconds(60);

    private long _warmedTicks;

    /// <summary>The portrait shipped beside the server (tests/data/portrait.png), also the CLI's default input.</summary>
    public static string SamplePortrait => Path.Combine(AppContext.BaseDirectory, "samples", "portrait.png");

    /// <summary>True when the finished warm-up failed (it is logged); the first session then starts cold.</summary>
    public bool Failed { get; private set; }

    /// <summary>What the media edge's warm-up ran, once it has; null before, or when it failed (the log says why).</summary>
    public TransportWarmupResult? Transport { get; private set; }

    /// <summary>How long the finished warm-up took (whether or not it succeeded); null while it runs.</summary>
    public TimeSpan? Took => Volatile.Read(ref _warmedTicks) is var ticks and > 0 ? TimeSpan.FromTicks(ticks) : null;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => WarmAsync(stoppingToken), stoppingToken);

    /// <summary>
    /// Cancels the warm-up and waits for it to end before the services it uses are disposed (the container disposes
    /// this one first: it was created after them). A host whose start fails (an address in use) disposes its services
    /// without stopping the hosted ones, and a warm-up still loading the model into ONNX Runtime then crashed the
    /// exiting process (SIGSEGV, or ONNX Runtime's cpuinfo abort).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        if (ExecuteTask is { } running)
        {
            try
            {
                await running.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Cancelled before it began.
            }
        }
    }

    private async Task WarmAsync(CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        WarmTransport();
        try
        {
            _ = models.Default;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            PipelineLog.DefaultModelFailed(logger, ModelCatalog.DefaultName, e);
            Failed = true;
            Finish(started);
            return;
        }

        try
        {
            await RunPipelineAsync(token).ConfigureAwait(false);
            PipelineLog.WarmedUp(logger, Stopwatch.GetElapsedTime(started).TotalMilliseconds, Transport?.Took.TotalMilliseconds ?? 0);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The server stops while starting.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            PipelineLog.WarmUpFailed(logger, e);
            Failed = true;
        }

        Finish(started);
    }

    /// <summary>
    /// The media edge first: it needs no model, and a failure there (a bug, logged) leaves the pipeline's warm-up to
    /// run; the first session then pays the transport's first use itself.
    /// </summary>
    private void WarmTransport()
    {
        try
        {
            Transport = transport.Run();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            PipelineLog.TransportWarmUpFailed(logger, e);
            Failed = true;
        }
    }

    private void Finish(long started) => Volatile.Write(ref _warmedTicks, Math.Max(1, Stopwatch.GetElapsedTime(started).Ticks));

    private async Task RunPipelineAsync(CancellationToken token)
    {
        var portrait = await new ImageFiles().ReadAsync(SamplePortrait, token).ConfigureAwait(false);
        // The warm-up is no user's session: its frames count on meters of their own, which /metrics does not export, and
        // it renders under a scheduler of its own, so admission neither counts it nor learns its cold first frame's cost.
        await using var meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var services = new PipelineServices(sessions, renderers, models, new RenderScheduler(options, TimeProvider.System), options,
            new ServerMetrics(meters.GetRequiredService<IMeterFactory>()));
        using var session = new WarmUpMediaSession();
        var record = new SessionRecord(session.Id, session.Origin, DateTimeOffset.UtcNow, new SessionControl(options.Value, TimeProvider.System));
        var run = new PortraitPipeline(session, record, services, logger).RunAsync(token);
        try
        {
            for (int frame = 0; frame < Frames; frame++)
            {
                session.Feed(portrait, TimeSpan.FromMilliseconds(33.3 * frame));
                await session.NextSentAsync(token).AsTask().WaitAsync(FrameDeadline, token).ConfigureAwait(false);
            }
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("the warm-up pipeline stopped before sending its frames (its log says why)");
        }
        finally
        {
            session.Close("warmed up");
            await run.ConfigureAwait(false);
        }
    }
}
