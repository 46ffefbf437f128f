using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// Which points of one run of occupied cells a march queries, and in what order. A run's points are numbered
/// 0 … <see cref="Last"/>: 0 is the run's start, 1 … Last − 1 the ray's lattice t = k · step inside it, Last its end.
/// When it may leap, the walk skips every other point until the first non-empty sample (raw σ at or above
/// <see cref="OccupancyGrid.EmptyRawDensity"/>, the grid's own test); from there on, and always when it may not, it
/// takes every point. Most of an occupied run lies in the dilated cells and the halo in front of a surface, where the
/// grid could not rule density out but a sample at every lattice point found none (measured on the committed portrait
/// at 256²: 70 % of the frame's ray queries before this walk). The leap that lands on the first non-empty sample is
/// taken back: the point it skipped is kept first and the landing sample is held (<see cref="Held"/>) and kept right
/// after it, so every interval that touches density is composited at the lattice step and no point is queried twice.
/// The price: a structure thinner than two lattice steps lying wholly between two empty leap points, in front of the
/// run's first density, is not seen — which is why only the geometry pass leaps (<see cref="LiveFrameRenderer"/>).
/// The rule looks only at samples already offered, so it is the same sample by sample on the CPU (which queries ahead
/// in batches, <see cref="Ahead"/>) and in the Vulkan kernel (march.glsl).
/// </summary>
internal struct RunWalk(int last, float emptyRawDensity, bool leap)
{
    /// <summary>The run's end point's number: lattice points + 1.</summary>
    public int Last { get; } = last;

    private int _kept = -1;
    private bool _leaping = leap;
    private int _held = -1;
    private RaySample _heldSample;

    /// <summary>The next point to keep; past <see cref="Last"/> once the run is done.</summary>
    public readonly int Next => _kept < 0 ? 0 : _kept >= Last ? Last + 1 : Math.Min(_kept + (_leaping ? 2 : 1), Last);

    /// <summary>Whether <see cref="Next"/> is the held sample (known already: no query).</summary>
    public readonly bool Held(out RaySample sample)
    {
        sample = _heldSample;
        return _held >= 0 && _held == Next;
    }

    /// <summary>
    /// Offers the sample at point <see cref="Next"/>: true when the march keeps it (composites it after the last kept
    /// one); false when it ends a leap on density, so it is held and the skipped point comes next.
    /// </summary>
    public bool Offer(in RaySample sample)
    {
        int point = Next;
        if (_leaping && !(sample.Radiance.RawDensity < emptyRawDensity))
        {
            _leaping = false;
            if (point - _kept == 2)
            {
                (_held, _heldSample) = (point, sample);
                return false;
            }
        }
        if (point == _held)
        {
            _held = -1;
        }
        _kept = point;
        return true;
    }

    /// <summary>
    /// Up to <paramref name="points"/>.Length points the walk asks for next if it keeps leaping (or stepping), the
    /// held point left out: what the CPU queries in one batch. Where the first density ends the leaps, the walk asks
    /// for points the batch does not hold, and the rest of the batch is not used.
    /// </summary>
    public readonly int Ahead(Span<int> points)
    {
        var walk = this;
        int count = 0;
        while (count < points.Length && walk.Next <= Last)
        {
            int point = walk.Next;
            if (point == walk._held)
            {
                walk._held = -1;
            }
            else
            {
                points[count++] = point;
            }
            walk._kept = point;
        }
        return count;
    }
}
