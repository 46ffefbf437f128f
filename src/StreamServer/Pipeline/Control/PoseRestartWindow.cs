namespace PortraitStream.Server.Pipeline.Control;

/// <summary>
/// The early part of a camera frame's render, during which a newer viewer pose may abandon it so that the frame is
/// rendered at that pose instead (<see cref="Stages.PoseRestart"/>, issue #15). The render loop opens the window for a
/// frame's first attempt — the pose that attempt renders, until when the window lasts, the attempt's stop — and closes
/// it when the attempt ends; the hub's pose calls (<see cref="OnPose"/>) stop the attempt for the first pose that
/// arrives in time and differs from the one it renders, and that closes the window: one stop per opening. Safe from
/// any thread.
/// </summary>
internal sealed class PoseRestartWindow
{
    private readonly Lock _gate = new();
    private CancellationTokenSource? _stop;
    private ViewerPose _rendering;
    private long _closesAtTicks;

    /// <summary>
    /// Opens the window for an attempt rendering <paramref name="rendering"/>: a different pose received up to
    /// <paramref name="closesAtTicks"/> (Stopwatch ticks) cancels <paramref name="stop"/>, which the caller owns.
    /// </summary>
    public void Open(CancellationTokenSource stop, ViewerPose rendering, long closesAtTicks)
    {
        lock (_gate)
        {
            (_stop, _rendering, _closesAtTicks) = (stop, rendering, closesAtTicks);
        }
    }

    /// <summary>Closes the window: after this no pose touches the attempt's stop, so the caller may dispose it.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _stop = null;
        }
    }

    /// <summary>
    /// A new pose arrived: stops the open attempt (and closes the window) when it came in time and would move the
    /// picture. A pose with the rendered position and orientation (a head held still) would render the same picture.
    /// </summary>
    public void OnPose(ViewerPose pose)
    {
        lock (_gate)
        {
            if (_stop is null || pose.ReceivedTicks > _closesAtTicks
                || (pose.Position == _rendering.Position && pose.Orientation == _rendering.Orientation))
            {
                return;
            }
            // Cancelled under the lock, so Close's caller never disposes a source being cancelled. Its callbacks are the
            // renderer's loops' own stop flags: nothing here waits.
            _stop.Cancel();
            _stop = null;
        }
    }
}
