using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PortraitStream.Inference.Imaging;
using PortraitStream.Server.Hosting;
using PortraitStream.Server.Pipeline.Health;

namespace PortraitStream.Server.Tests.Pipeline.Health;

/// <summary>
/// The start-up warm-up runs the media edge in memory (SDP, ICE, DTLS, SRTP, RTP) and the real pipeline (ONNX Runtime,
/// the renderer, both codecs) over the sample portrait before readiness turns true, and the session it runs on encodes
/// and decodes what it is sent with VP8 and H.264.
/// </summary>
public sealed class PipelineWarmupTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Warmup_RunsTheMediaEdgeAndThePipeline_ThenReadinessTurnsHealthy()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddPortraitStream();
        await using var app = builder.Build();
        var warmup = app.Services.GetRequiredService<PipelineWarmup>();
        var check = new PipelineWarmupCheck(warmup);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Null(warmup.Transport);

        await warmup.StartAsync(CancellationToken.None);
        var started = DateTime.UtcNow;
        while (warmup.Took is null)
        {
            Assert.True(DateTime.UtcNow - started < Deadline, $"no warm-up within {Deadline}");
            await Task.Delay(100);
        }

        await warmup.StopAsync(CancellationToken.None);
        Assert.False(warmup.Failed, "the warm-up failed (its log says why)");
        var ready = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Healthy, ready.Status);
        Assert.StartsWith("pipeline warmed up in ", ready.Description, StringComparison.Ordinal);
        // The server's own DTLS context made both codecs' calls before the first offer: the first session's answer
        // and handshake find the transport's code compiled and OpenSSL's handshake paths used.
        var transport = warmup.Transport;
        Assert.NotNull(transport);
        Assert.Equal((6, 2, 4, 4), (transport.OffersAnswered, transport.Handshakes, transport.KeyFrames, transport.OpusPackets));
        Assert.Contains("6 offers answered, 2 DTLS handshakes, 4 key frames and 4 Opus packets over SRTP, in memory", ready.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WarmUpSession_EncodesAndDecodesEachSentPictureWithBothCodecs_AndEndsItsStreamsOnClose()
    {
        using var session = new WarmUpMediaSession();
        var portrait = await new ImageFiles().ReadAsync(PipelineWarmup.SamplePortrait);
        session.Feed(portrait, TimeSpan.FromMilliseconds(40));
        await using var frames = session.ReceiveVideoAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await frames.MoveNextAsync());
        using (var frame = frames.Current)
        {
            Assert.Equal((portrait.Width, portrait.Height), (frame.Picture.Width, frame.Picture.Height));
            Assert.True(session.TrySendVideo(frame.Picture, frame.CaptureTime, out int bytes));
            // Two key frames of a 512² portrait: each codec wrote a real frame.
            Assert.True(bytes > 2_000, $"{bytes} bytes encoded");
        }

        Assert.Equal(TimeSpan.FromMilliseconds(40), await session.NextSentAsync(CancellationToken.None));
        session.Close("done");
        Assert.False(await frames.MoveNextAsync());
        await Assert.ThrowsAsync<System.Threading.Channels.ChannelClosedException>(() => session.NextSentAsync(CancellationToken.None).AsTask());
        Assert.Equal("done", await session.Closed);
    }
}
