using System.Collections.Concurrent;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// One session's triplane buffers (3 × C × R × R floats, 3 MB at the relief default), reused from frame to frame: the
/// encoder writes one while the renderer reads another and a third may wait in the slot between them.
/// </summary>
internal sealed class TriplanePool
{
    private readonly ConcurrentBag<Triplanes> _free = [];

    /// <summary>A buffer of <paramref name="layout"/>; buffers of another layout (a model change) are let go.</summary>
    public TriplaneLease Rent(TriplaneLayout layout)
    {
        while (_free.TryTake(out var planes))
        {
            // Structural comparison: the layout record's Axes list compares by reference.
            if (planes.Layout.Channels == layout.Channels && planes.Layout.Resolution == layout.Resolution && planes.Layout.Axes.SequenceEqual(layout.Axes))
            {
                return new TriplaneLease(this, planes);
            }
        }

        return new TriplaneLease(this, new Triplanes(layout));
    }

    internal void Return(Triplanes planes) => _free.Add(planes);
}

/// <summary>A rented triplane buffer; disposing it gives it back to its pool (once).</summary>
internal sealed class TriplaneLease(TriplanePool pool, Triplanes planes) : IDisposable
{
    private int _returned;

    public Triplanes Triplanes { get; } = planes;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _returned, 1) == 0)
        {
            pool.Return(Triplanes);
        }
    }
}
