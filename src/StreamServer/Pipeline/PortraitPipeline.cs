using System.Diagnostics;
using Microsoft.Extensions.Logging;
using PortraitStream.Inference.Faces;
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
/// I420, or the camera passed through) ▸ transmit (to the media session, which encodes and sends). Between camera
/// frames a new viewer pose has the render stage re-render the triplanes it showed last (<see cref="RenderInbox"/>:
/// camera frames first, one pending re-render), and a pose that would miss pose-to-photon's target behind a camera
/// frame has its frame rendered just before that one (<see cref="PoseDeadline"/>). A frame that fails in a stage is counted and dropped; a loop that
/// fails as a whole stops the others, and the session ends.
/// </summary>
internal sealed class PortraitPipeline(
    IMediaSession session, SessionRecord record, PipelineServices services, ILogger logger)
{
    /// <summary>How long a pose re-render waits for the transmit loop to take the previous frame before it looks again.</summary>
    private static readonly TimeSpan TransmitWait = TimeSpan.FromMilliseconds(2);

    private readonly SessionControl _control = record.Control;
    private readonly PoseFrameClock _poseClock = new();
    private readonly PoseDeadline _poseDeadline = new();

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
                    _poseClock.OnCameraFrameDecoded(frame.CaptureTime, frame.ArrivedTicks);
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
                    var frame = analyser.Analyse(camera, services.Models.Get(_control.Model), _control.Background.Setting.ShowsRoom);
                    services.Metrics.RecordAnalysis(frame.Work);
                    output.Put(frame);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    OnFrameFault("analyse", e);
                }
                // One analysed frame ahead of the render, no more: the next would replace this one unrendered, and
                // analysing it takes the cores the render needs. On 2 cores shared with the browser 4 analyses in 10
                // were replaced so; without them a live session received 14.3–15.7 fps instead of 11.5–14.1, and a
                // new session's first frame, rendered beside a back-to-back analyse loop, came 300–500 ms sooner.
                await output.WhenTakenAsync(token).ConfigureAwait(false);
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
        var inbox = new RenderInbox(input, _control.Rerender);
        var shown = default(ShownRender);
        try
        {
            while (await inbox.NextAsync(token).ConfigureAwait(false) is { } work)
            {
                if (work.Frame is null && !output.IsEmpty)
                {
                    // A frame put in the output slot replaces one the transmit loop has not taken, and a pose frame must
                    // never replace a camera frame: wait for the slot to empty (the encoder takes milliseconds).
                    _control.Rerender.Request();
                    await Task.Delay(TransmitWait, token).ConfigureAwait(false);
                    continue;
                }

                var frame = work.Frame;
                try
                {
                    if (frame is not null && _poseDeadline.PoseGoesFirst(UnshownPose(shown), Stopwatch.GetTimestamp()))
                    {
                        shown = await RenderPoseFirstAsync(renderer, share, shown, frame, output, token).ConfigureAwait(false);
                    }

                    // Every session renders in its fair turn, at a quality capped to its share (RenderScheduler); a
                    // pose's re-render too. A camera frame that came while a re-render waited for the turn goes first.
                    using var turn = await share.TurnAsync(token).ConfigureAwait(false);
                    frame ??= inbox.TryTakeFrame();
                    if (frame is not null)
                    {
                        // Before rendering: the hold may have let the previous source go, and a re-render must not use it.
                        shown = new ShownRender(hold.Source(frame, frame.Camera.CaptureTime), frame.Face, null);
                        shown = RenderCamera(renderer, turn, share, shown.Source, frame, output);
                    }
                    else
                    {
                        shown = RenderPose(renderer, turn, share, shown, output);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    OnFrameFault("render", e);
                }
                finally
                {
                    if (frame is not null && !hold.Holds(frame))
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

    /// <summary>
    /// The receipt time of the newest viewer pose while one steers, the last render showed triplanes (a pose frame
    /// re-renders them) and not that pose; else null.
    /// </summary>
    private long? UnshownPose(ShownRender shown) =>
        shown.Source is not null && _control.SteeringPose() is { } pose && pose.ReceivedTicks != shown.PoseTicks ? pose.ReceivedTicks : null;

    /// <summary>
    /// The newest pose's frame ahead of camera <paramref name="next"/> (<see cref="PoseDeadline"/>), in a turn of its
    /// own, once the transmit loop took the previous frame (a pose frame must never replace a camera frame in the slot).
    /// A fault is this frame's alone: the camera frame is rendered after it either way.
    /// </summary>
    private async Task<ShownRender> RenderPoseFirstAsync(ViewRenderer renderer, RenderSession share, ShownRender shown, AnalysedFrame next,
        LatestSlot<OutputFrame> output, CancellationToken token)
    {
        while (!output.IsEmpty)
        {
            await Task.Delay(TransmitWait, token).ConfigureAwait(false);
        }
        try
        {
            using var turn = await share.TurnAsync(token).ConfigureAwait(false);
            return RenderPose(renderer, turn, share, shown, output, sendBefore: next.Camera.CaptureTime);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            OnFrameFault("render", e);
            return shown;
        }
    }

    /// <summary>Renders camera <paramref name="frame"/> from <paramref name="source"/>'s triplanes (null: passes the camera through).</summary>
    private ShownRender RenderCamera(ViewRenderer renderer, RenderSession.Turn turn, RenderSession share, AnalysedFrame? source,
        AnalysedFrame frame, LatestSlot<OutputFrame> output)
    {
        var start = Stopwatch.GetTimestamp();
        // One cap for the frame: the grid prepared for one quality would be rebuilt if the render asked for another.
        var quality = Capped(share);
        // The field, its grid and the far layer first: no view changes them, and the pose read after them is that much
        // younger when its frame is sent.
        if (source is not null)
        {
            renderer.Prepare(source, quality, _control.Background);
        }
        var latched = Stopwatch.GetTimestamp();
        // A viewer's newest pose, while one steers, places the camera; only over a render (a camera picture passed through has no pose).
        var pose = source is null ? null : _control.SteeringPose();
        var view = pose is { } steering
            ? ViewerWindow.View(steering.Position, steering.Orientation, source!.Bundle.Rendering)
            : _control.View.Next(source?.Head ?? default, source?.Bundle.Rendering.ViewRange ?? ViewRange.Unlimited);
        var picture = Compose(renderer, turn, quality, frame, source, frame.Face, view, source is null ? FieldReuse.None : FieldReuse.Prepared);
        var rendered = Stopwatch.GetTimestamp();
        var renderMs = Stopwatch.GetElapsedTime(start, rendered).TotalMilliseconds;
        if (source is not null)
        {
            _poseDeadline.OnCameraFrameRendered(renderMs);
        }
        output.Put(new OutputFrame(picture, frame.Camera.CaptureTime, frame.Timings with { RenderMs = renderMs },
            pose, pose is null ? default : ViewerWindow.Quad(view, source!.Bundle.Rendering)) { ViewLatchedTicks = latched, RenderedTicks = rendered });
        return new ShownRender(source, frame.Face, view, pose?.ReceivedTicks ?? 0);
    }

    /// <summary>
    /// Renders the triplanes the last frame showed at the newest viewer pose (no encoder pass: the camera may have
    /// stopped, or its next frame is still being analysed, or waits behind this one: <paramref name="sendBefore"/>, its
    /// capture time), unless nothing would change: paused, the camera passed through, no pose steering, or the pose's
    /// view is the one already shown. When the last render of that source completed (it has a view), this one keeps
    /// its field and occupancy grid and marches a coarser geometry grid (<see cref="ViewRenderer.Render"/>'s pose frame).
    /// </summary>
    private ShownRender RenderPose(ViewRenderer renderer, RenderSession.Turn turn, RenderSession share, ShownRender shown, LatestSlot<OutputFrame> output,
        TimeSpan? sendBefore = null)
    {
        if (_control.Paused || shown.Source is not { } source || _control.SteeringPose() is not { } pose)
        {
            return shown;
        }
        var view = ViewerWindow.View(pose.Position, pose.Orientation, source.Bundle.Rendering);
        if (view == shown.View)
        {
            return shown with { PoseTicks = pose.ReceivedTicks };
        }

        var start = Stopwatch.GetTimestamp();
        var picture = Compose(renderer, turn, Capped(share), source, source, shown.Face, view, shown.View is not null ? FieldReuse.PoseFrame : FieldReuse.None);
        var rendered = Stopwatch.GetTimestamp();
        output.Put(new OutputFrame(picture, source.Camera.CaptureTime, FrameTimings.Start() with { RenderMs = Stopwatch.GetElapsedTime(start, rendered).TotalMilliseconds },
            pose, ViewerWindow.Quad(view, source.Bundle.Rendering)) { PoseOnly = true, SendBefore = sendBefore, ViewLatchedTicks = start, RenderedTicks = rendered });
        return shown with { View = view, PoseTicks = pose.ReceivedTicks };
    }

    /// <summary>The session's quality as the scheduler caps it now; the stats show why when it does.</summary>
    private RenderQuality Capped(RenderSession share)
    {
        var quality = share.Cap(_control.Quality);
        _control.QualityCap = share.CapReason;
        return quality;
    }

    /// <summary>One picture at <paramref name="quality"/> and the session's settings now (stereo, alpha, background, style).</summary>
    private I420Frame Compose(ViewRenderer renderer, RenderSession.Turn turn, RenderQuality quality, AnalysedFrame frame, AnalysedFrame? source,
        FaceTrackState face, CameraView view, FieldReuse reuse)
    {
        var stereo = _control.Stereo;
        var withAlpha = _control.OutputAlpha;
        var picture = ViewRenderer.RentPicture(quality, stereo is not null, withAlpha);
        try
        {
            renderer.Compose(frame, source, view, quality, _control.Background, picture, stereo, withAlpha, _control.Style, reuse);
            // A pose frame's time stays out of the learnt frame cost: it costs less than the frames the cap budgets for.
            if (source is not null && reuse != FieldReuse.PoseFrame)
            {
                turn.Rendered(quality);
            }
        }
        catch
        {
            picture.Dispose();
            throw;
        }

        _control.Statistics.OnRendered(face, source?.Head, view, source?.Bundle.Rendering.ViewRange);
        return picture;
    }

    private async Task TransmitAsync(LatestSlot<OutputFrame> input, CancellationToken token)
    {
        var posedFrames = new PosedFrameReport(record, services.Metrics);
        while (await input.TakeAsync(token).ConfigureAwait(false) is (true, { } frame))
        {
            using (frame)
            {
                var start = Stopwatch.GetTimestamp();
                if ((frame.PoseOnly ? _poseClock.PoseFrameTime(start, frame.SendBefore) : frame.CaptureTime) is not { } captureTime)
                {
                    continue; // no room before the next camera frame, which brings the newest pose anyway
                }

                var sent = session.TrySendVideo(frame.Picture, captureTime, out int bytes);
                if (frame.PoseOnly)
                {
                    _poseClock.OnPoseFrameHanded(captureTime);
                }
                else
                {
                    _poseClock.OnCameraFrameHanded(captureTime, frame.Timings.CapturedTicks, Stopwatch.GetTimestamp());
                }
                if (!sent)
                {
                    continue;
                }
                if (frame.PoseOnly)
                {
                    _control.Statistics.OnPoseFrameSent(bytes);
                    services.Metrics.RecordPoseFrameSent(bytes);
                }
                else
                {
                    var timings = frame.Timings with { VideoEncodeMs = FrameTimings.Since(start) };
                    _control.Statistics.OnFrameSent(timings, bytes);
                    services.Metrics.RecordFrameSent(timings, bytes);
                }
                if (frame.Pose is { } pose)
                {
                    posedFrames.Report(frame, captureTime, pose, start);
                }
            }
        }
    }

    /// <summary>
    /// What the render stage showed last: the frame whose triplanes it rendered (null: the camera passed through), the
    /// tracking state, the view (null until a render of that source completed) and the receipt time of the viewer pose
    /// it showed (0: none).
    /// </summary>
    private readonly record struct ShownRender(AnalysedFrame? Source, FaceTrackState Face, CameraView? View, long PoseTicks = 0);

    private void OnFrameFault(string stage, Exception e)
    {
        _control.Statistics.OnFault();
        services.Metrics.FramesFailed.Add(1, ServerMetrics.Tag("stage", stage));
        PipelineLog.FrameFault(logger, session.Id, stage, e);
    }
}
