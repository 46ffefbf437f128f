using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.Media.Sessions;
using PortraitStream.Server.Pipeline.Control;
using PortraitStream.Server.Pipeline.Scheduling;
using PortraitStream.Server.Pipeline.Stages;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Pipeline;

/// <summary>
/// One session's pipeline: four loops joined by latest-frame-wins slots, so the slowest stage sets the frame rate and
/// nothing queues up behind it —
/// decode (the media session's pictures → RGB) ▸ analyse (face track + aligned crop + encoder) ▸ render (view → RGBA →
/// I420, or the camera passed through) ▸ transmit (to the media session, which encodes and sends). A frame that fails in a stage is counted and dropped; a loop that
/// fails as a whole stops the others, and the session ends.
/// </summary>
internal sealed class PortraitPipeline(
    IMediaSession session, SessionRecord record, PipelineServices services, ILogger logger)
{
    private readonly SessionControl _control = record.Control;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var token = stop.Token;
        using var renderer = new ViewRenderer(services.Renderers.Create());
        using var cameras = new LatestSlot<CameraFrame>(services.Metrics.FramesDropped, "camera");
        using var analysed = new LatestSlot<AnalysedFrame>(services.Metrics.FramesDropped, "analysed");
        using var outputs = new LatestSlot<OutputFrame>(services.Metrics.FramesDropped, "output");
        var rendererName = services.Renderers.Device is { } device ? $"{renderer.Name} ({device.Info.Name})" : renderer.Name;
        _control.Statistics.Attach(session, rendererName, [cameras, analysed, outputs]);
        PipelineLog.Started(logger, session.Id, rendererName, _control.Quality.ToString());
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
            _control.Statistics.Detach();
            PipelineLog.Stopped(logger, session.Id);
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
            PipelineLog.StageFailed(logger, session.Id, stage, e);
            await stop.CancelAsync().ConfigureAwait(false);
            session.Close($"the server's {stage} stage failed");
        }
    });

    private async Task DecodeAsync(LatestSlot<CameraFrame> output, CancellationToken token)
    {
        try
        {
            // Read (so decoded) even while paused, so the codec's reference frames stay current for the resume.
            await foreach (var frame in session.ReceiveVideoAsync(token).ConfigureAwait(false))
            {
                RgbImage rgb;
                using (frame)
                {
                    rgb = new RgbImage(frame.Picture.Width, frame.Picture.Height);
                    I420Conversion.ToRgb24(frame.Picture, rgb.Pixels, rgb.Stride);
                }

                _control.Statistics.OnFrameIn();
                services.Metrics.FramesReceived.Add(1);
                if (!_control.Paused)
                {
                    var timings = new FrameTimings(frame.ArrivedTicks);
                    output.Put(new CameraFrame(rgb, frame.CaptureTime, timings with { DecodeMs = FrameTimings.Since(frame.ArrivedTicks) }));
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
                    output.Put(analyser.Analyse(camera, services.Models.Get(_control.Model)));
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
        using var share = services.Scheduler.Join(session.Id);
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
                    var quality = share.Cap(_control.Quality);
                    _control.QualityCap = share.CapReason;
                    var stereo = _control.Stereo;
                    var withAlpha = _control.OutputAlpha;
                    // A viewer's newest pose, while one steers, places the camera; only over a render (a camera picture passed through has no pose).
                    var pose = source is null ? null : _control.SteeringPose();
                    var view = pose is { } steering
                        ? ViewerWindow.View(steering.Position, steering.Orientation, source!.Bundle.Rendering)
                        : _control.View.Next(source?.Head ?? default);
                    var picture = ViewRenderer.RentPicture(quality, stereo is not null, withAlpha);
                    try
                    {
                        renderer.Compose(frame, source, view, quality, _control.Background, picture, stereo, withAlpha, _control.Style);
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

                    _control.Statistics.OnRendered(frame.Face, source?.Head, view);
                    output.Put(new OutputFrame(picture, frame.Camera.CaptureTime, frame.Timings with { RenderMs = FrameTimings.Since(start) },
                        pose, pose is null ? default : ViewerWindow.Quad(view, source!.Bundle.Rendering)));
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
        while (await input.TakeAsync(token).ConfigureAwait(false) is (true, { } frame))
        {
            using (frame)
            {
                var start = Stopwatch.GetTimestamp();
                if (session.TrySendVideo(frame.Picture, frame.CaptureTime, out int bytes))
                {
                    var timings = frame.Timings with { VideoEncodeMs = FrameTimings.Since(start) };
                    _control.Statistics.OnFrameSent(timings, bytes);
                    services.Metrics.RecordFrameSent(timings, bytes);
                    if (frame.Pose is { } pose)
                    {
                        PosedFrameReport.Report(frame, pose, record, services.Metrics);
                    }
                }
            }
        }
    }

    private void OnFrameFault(string stage, Exception e)
    {
        _control.Statistics.OnFault();
        services.Metrics.FramesFailed.Add(1, ServerMetrics.Tag("stage", stage));
        PipelineLog.FrameFault(logger, session.Id, stage, e);
    }
}
