namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// Keeps the latest frame that has triplanes, so that for <paramref name="keep"/> after the face is lost the portrait is
/// still rendered (and turned) instead of jumping to the camera picture; after that, no source: pass the camera through.
/// Owns the frame it holds.
/// </summary>
internal sealed class TriplaneHold(TimeSpan keep) : IDisposable
{
    private AnalysedFrame? _held;
    private TimeSpan _since;

    /// <summary>
    /// Takes <paramref name="frame"/> (captured at <paramref name="now"/>) into account and returns the frame to render
    /// from, or null for the pass-through. A frame with triplanes becomes the held one and belongs to the hold.
    /// </summary>
    public AnalysedFrame? Source(AnalysedFrame frame, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Triplanes is not null)
        {
            _held?.Dispose();
            (_held, _since) = (frame, now);
        }

        return _held is not null && now - _since <= keep ? _held : null;
    }

    /// <summary>True when <paramref name="frame"/> is held here (so the caller must not dispose it).</summary>
    public bool Holds(AnalysedFrame frame) => ReferenceEquals(frame, _held);

    public void Dispose() => _held?.Dispose();
}
