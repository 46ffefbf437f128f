using PortraitStream.Server.Pipeline.Control;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>One piece of the render stage's work: a camera frame to render, or (<see cref="Frame"/> null) a viewer pose's re-render of the held triplanes.</summary>
internal readonly record struct RenderWork(AnalysedFrame? Frame)
{
    public static RenderWork Rerender => default;
}

/// <summary>
/// What the render stage works on next: camera frames first, always — one waiting is taken before any pose re-render,
/// and taking it also takes a pending re-render, since the frame is rendered at the newest pose anyway — and otherwise
/// a re-render a viewer pose asked for (<see cref="PendingRerender"/>, at most one pending). So poses never starve the
/// camera: a camera frame waits at most for one re-render already under way. One reader (the render loop).
/// </summary>
internal sealed class RenderInbox(LatestSlot<AnalysedFrame> frames, PendingRerender rerender)
{
    // The waits outlive one call: a slot's wait may not be started twice while one is pending.
    private Task<bool>? _frameReady, _rerenderReady;

    /// <summary>The next piece of work; null once the frames' slot is completed and empty (the pipeline ends).</summary>
    public async ValueTask<RenderWork?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTakeFrame() is { } frame)
            {
                return new RenderWork(frame);
            }
            if (rerender.TryTake())
            {
                return RenderWork.Rerender;
            }

            _frameReady ??= frames.WaitAsync(cancellationToken).AsTask();
            _rerenderReady ??= rerender.WaitAsync(cancellationToken).AsTask();
            await Task.WhenAny(_frameReady, _rerenderReady).ConfigureAwait(false);
            if (_frameReady.IsCompleted)
            {
                var more = await _frameReady.ConfigureAwait(false);
                _frameReady = null;
                if (!more)
                {
                    return null;
                }
            }
            if (_rerenderReady.IsCompleted)
            {
                await _rerenderReady.ConfigureAwait(false);
                _rerenderReady = null;
            }
        }
    }

    /// <summary>
    /// A camera frame waiting now, or null; a pending re-render is taken with it (the frame is rendered at the newest
    /// pose). The render loop asks again once its turn at the renderer came, so a frame that arrived meanwhile goes first.
    /// </summary>
    public AnalysedFrame? TryTakeFrame()
    {
        if (!frames.TryTake(out var frame))
        {
            return null;
        }
        rerender.TryTake();
        return frame;
    }
}
