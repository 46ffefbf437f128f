using System.Numerics;
using PortraitStream.Renderer.Field;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// Output pixels waiting to be shaded at a known surface point (deferred shading: the geometry is already resolved,
/// one field query gives the colour). Pixels are queued and queried <see cref="Batch"/> at a time, so the decoder runs
/// over whole spans instead of one sample per call. One worker's; flushed at the end of each row.
/// </summary>
internal sealed class DeferredShading(int channels, int hidden)
{
    public const int Batch = 32;

    private readonly Vector3[] _points = new Vector3[Batch];
    private readonly RadianceSample[] _colours = new RadianceSample[Batch];
    private readonly int[] _pixels = new int[Batch];
    private readonly float[] _opacity = new float[Batch];
    private readonly float[] _depth = new float[Batch];
    private readonly QueryScratch _query = new(Batch, channels, hidden);
    private int _count;

    public bool Fits(int channels, int hidden) => _query.Channels == channels && _query.Hidden == hidden;

    /// <summary>Queues pixel <paramref name="pixel"/> (index into the target) for shading at <paramref name="point"/>.</summary>
    public void Add(FieldQuery field, RenderTarget target, int pixel, Vector3 point, float depth, float opacity)
    {
        (_pixels[_count], _points[_count], _depth[_count], _opacity[_count]) = (pixel, point, depth, opacity);
        if (++_count == Batch)
        {
            Flush(field, target);
        }
    }

    /// <summary>Shades every queued pixel: colour at its point, premultiplied by its opacity.</summary>
    public void Flush(FieldQuery field, RenderTarget target)
    {
        if (_count == 0) return;
        field.Evaluate(_points.AsSpan(0, _count), _colours.AsSpan(0, _count), _query);
        for (int k = 0; k < _count; k++)
        {
            var c = _colours[k];
            float a = _opacity[k];
            target.Write(_pixels[k], a * c.R, a * c.G, a * c.B, a, _depth[k]);
        }
        _count = 0;
    }
}
