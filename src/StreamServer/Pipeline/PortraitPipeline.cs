using System.Buffers;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Scheduling;
using PortraitStream.Server.Pipeline.Stages;
using PortraitStream.Server.Pipeline.Stats;
using PortraitStream.Server.WebRtc.Echo;
using PortraitStream.Server.WebRtc.Session;

namespace PortraitStream.Server.Pipeline;

/// <summary>
/// One session's pipeline: four loops joined by latest-frame-wins slots, so the slowest stage sets the frame rate and
/// nothing queues up behind it —
/// decode (VP8 → I420 → RGB) ▸ analyse (face track + aligned crop + encoder) ▸ render (view → RGBA → I420, or the
/// camera passed through) ▸ transmit (VP8 → RTP). A frame that fails in a stage is counted and dropped; a loop that
/// fails as a whole stops the others, and the session ends.
/// </summary>
internal sealed class PortraitPipeline(
    string connectionId, PeerConnection connection, SessionControl control, PipelineServices services, ILogger logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        using var renderer = new ViewRenderer(services.Renderers.Create());
        using var cameras = new LatestSlot<CameraFrame>(services.Metrics.FramesDropped, "camera");
        using var analysed = new LatestSlot<AnalysedFrame>(services.Metrics.FramesDropped, "analysed");
        using var outputs = new LatestSlot<OutputFrame>(services.Metrics.FramesDropped, "output");
        var rendererName = services.Renderers.Device is { } device ? $"{renderer.Name} ({device.Info.Name})" : renderer.Name;
        control.Statistics.Attach(connection, rendererName, [cameras, analysed, outputs]);
        PipelineLog.Started(logger, connectionId, rendererName, control.Quality.ToString());
        try
        {
            await Task.WhenAll(
                Loop("decode", stop, () => DecodeAsync(cameras, token)),
                Loop("analyse", stop, () => AnalyseAsync(cameras, analysed, token)),
                Loop("render", stop, () => RenderAsync(renderer, analysed, outputs, token)),
                Loop("transmit", stop, () => TransmitAsync(outputs, token))).ConfigureAwait(false);
        }
        finally
        {
            control.Statistics.Detach();
            PipelineLog.Stopped(logger, connectionId);
        }
    }

    /// <summary>Runs a loop on the thread pool; its failure (not cancellation) is logged and stops the whole pipeline.</summary>
    private Task Loop(string stage, CancellationTokenSource stop, Func<Task> body) => Task.Run(async () =>
    {
        try
        {
            await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
        catch (Exception e)
        {
            PipelineLog.StageFailed(logger, connectionId, stage, e);
            await stop.CancelAsync().ConfigureAwait(false);
            connection.Close($"the server's {stage} stage failed");
        }
    });

    private async Task DecodeAsync(LatestSlot<CameraFrame> output, CancellationToken token)
    {
        using var decoder = new Vp8Decoder();
        var clock = new RtpTimestampUnwrapper();
        try
        {
            await foreach (var frame in connection.Receiver.Frames.ReadAllAsync(token).ConfigureAwait(false))
            {
                using (frame)
                {
                    var timings = FrameTimings.Start();
                    if (decoder.Decode(frame.Data, out var picture) == Vp8DecodeStatus.Failed)
                    {
                        connection.Receiver.RequestKeyFrame();
                        continue;
                    }

                    if (picture is null)
                    {
                        continue;
                    }

                    RgbImage rgb;
                    using (picture)
                    {
                        // Decoded even while paused, so the VP8 reference frames stay current for the resume.
                        rgb = new RgbImage(picture.Width, picture.Height);
                        I420Conversion.ToRgb24(picture, rgb.Pixels, rgb.Stride);
                    }

                    control.Statistics.OnFrameIn();
                    services.Metrics.FramesReceived.Add(1);
                    var captured = TimeSpan.FromSeconds(clock.Unwrap(frame.RtpTimestamp) / (double)Vp8Encoder.ClockRate);
                    if (!control.Paused)
                    {
                        output.Put(new CameraFrame(rgb, frame.RtpTimestamp, captured, timings with { DecodeMs = FrameTimings.Since(timings.CapturedTicks) }));
                    }
                }
            }
        }
        finally
        {
            output.Complete();
        }
    }

    private async Task AnalyseAsync(LatestSlot<CameraFrame> input, LatestSlot<AnalysedFrame> output, CancellationToken token)
    {
        using var analyser = new FrameAnalyser(services.Sessions);
        try
        {
            while (await input.TakeAsync(token).ConfigureAwait(false) is (true, { } camera))
            {
                try
                {
                    output.Put(analyser.Analyse(camera, services.Models.Get(control.Model)));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    OnFrameFault("analyse", e);
                }
            }
        }
        finally
        {
            output.Complete();
        }
    }

    private async Task RenderAsync(ViewRenderer renderer, LatestSlot<AnalysedFrame> input, LatestSlot<OutputFrame> output, CancellationToken token)
    {
        using var hold = new TriplaneHold(services.Options.KeepTriplanes);
        using var share = services.Scheduler.Join(connectionId);
        try
        {
            while (await input.TakeAsync(token).ConfigureAwait(false) is (true, { } frame))
            {
                try
                {
                    // Every session renders in its fair turn, at a quality capped to its share (RenderScheduler).
                    using var turn = await share.TurnAsync(token).ConfigureAwait(false);
                    var start = Stopwatch.GetTimestamp();
                    var source = hold.Source(frame, frame.Camera.CaptureTime);
                    var quality = share.Cap(control.Quality);
                    control.QualityCap = share.CapReason;
                    var picture = I420Frame.Rent(quality.Size, quality.Size);
                    try
                    {
                        renderer.Compose(frame, source, control.View.Next(source?.Head ?? default), quality, control.Background, picture);
                        if (source is not null)
                        {
                            turn.Rendered(quality);
                        }
                    }
                    catch
                    {
                        picture.Dispose();
                        throw;
                    }

                    control.Statistics.OnFace(frame.Face, source?.Head);
                    output.Put(new OutputFrame(picture, frame.Camera.RtpTimestamp, frame.Timings with { RenderMs = FrameTimings.Since(start) }));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    OnFrameFault("render", e);
                }
                finally
                {
                    if (!hold.Holds(frame))
                    {
                        frame.Dispose();
                    }
                }
            }
        }
        finally
        {
            output.Complete();
        }
    }

    private async Task TransmitAsync(LatestSlot<OutputFrame> input, CancellationToken token)
    {
        using var encoder = new Vp8StreamEncoder();
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        var clock = new RtpTimestampUnwrapper();
        while (await input.TakeAsync(token).ConfigureAwait(false) is (true, { } frame))
        {
            using (frame)
            {
                var start = Stopwatch.GetTimestamp();
                buffer.ResetWrittenCount();
                if (encoder.TryEncode(frame.Picture, clock.Unwrap(frame.RtpTimestamp), connection.Sender.Bitrate.TargetBitrate,
                        connection.Sender.TakeKeyFrameRequest(), buffer, out _))
                {
                    connection.Sender.SendFrame(buffer.WrittenSpan, frame.RtpTimestamp);
                    var timings = frame.Timings with { VideoEncodeMs = FrameTimings.Since(start) };
                    control.Statistics.OnFrameSent(timings, buffer.WrittenCount);
                    services.Metrics.RecordFrameSent(timings, buffer.WrittenCount);
                }
            }
        }
    }

    private void OnFrameFault(string stage, Exception e)
    {
        control.Statistics.OnFault();
        services.Metrics.FramesFailed.Add(1, ServerMetrics.Tag("stage", stage));
        PipelineLog.FrameFault(logger, connectionId, stage, e);
    }
}
