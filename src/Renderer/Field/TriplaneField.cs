using System.Numerics;
using PortraitStream.Inference.Triplanes;

namespace PortraitStream.Renderer.Field;

/// <summary>
/// Triplane features at world points, as EG3D's <c>sample_from_planes</c>: a point p (world units) is scaled by
/// 2 / box_warp into [−1, 1]³, projected onto each plane by its declared axes (u = p[U], v = p[V]), sampled bilinearly
/// with <c>grid_sample</c>'s <c>align_corners=False</c> and zero padding, and the planes are averaged.
/// Storage: the NCHW planes are copied once per frame into channel-last order [plane, v, u, C], so that each bilinear
/// tap reads C contiguous floats; <see cref="Load"/> reuses the buffer between frames.
/// </summary>
public sealed class TriplaneField
{
    private float[] _texels = [];
    private PlaneAxes[] _axes = [];
    private int _resolution;
    private float _scale;

    public int Channels { get; private set; }

    public void Load(Triplanes planes, float boxWarp)
    {
        ArgumentNullException.ThrowIfNull(planes);
        var layout = planes.Layout;
        if (layout.Planes > RenderLimits.MaxPlanes)
        {
            throw new ArgumentException($"{layout.Planes} planes, at most {RenderLimits.MaxPlanes} are supported", nameof(planes));
        }
        int texelsPerPlane = layout.Resolution * layout.Resolution;
        if (_texels.Length != layout.Length)
        {
            _texels = new float[layout.Length];
        }
        for (int plane = 0; plane < layout.Planes; plane++)
        {
            var target = _texels.AsSpan(plane * layout.PlaneLength, layout.PlaneLength);
            for (int channel = 0; channel < layout.Channels; channel++)
            {
                var source = planes.Channel(plane, channel);
                for (int texel = 0; texel < texelsPerPlane; texel++)
                {
                    target[texel * layout.Channels + channel] = source[texel];
                }
            }
        }
        _axes = [.. layout.Axes];
        _resolution = layout.Resolution;
        _scale = 2f / boxWarp;
        Channels = layout.Channels;
    }

    /// <summary>Writes the mean over planes of the sampled features at <paramref name="point"/> into <paramref name="features"/> (length C).</summary>
    public void Sample(Vector3 point, Span<float> features)
    {
        Span<int> offsets = stackalloc int[TapsPerPlane * RenderLimits.MaxPlanes];
        Span<float> weights = stackalloc float[TapsPerPlane * RenderLimits.MaxPlanes];
        var scaled = point * _scale;
        int planeLength = _resolution * _resolution * Channels;
        int taps = 0;
        for (int plane = 0; plane < _axes.Length; plane++)
        {
            taps = AddBilinearTaps(plane * planeLength, Component(scaled, _axes[plane].U), Component(scaled, _axes[plane].V), offsets, weights, taps);
        }
        VectorMath.WeightedSum(_texels, offsets[..taps], weights[..taps], 1f / _axes.Length, features);
    }

    private const int TapsPerPlane = 4;

    /// <summary>
    /// <c>grid_sample</c> with <c>align_corners=False</c>: texel centres sit at (i + 0.5) / R in [0, 1], so the continuous
    /// index is ((u + 1) · R − 1) / 2; taps outside [0, R − 1] read zero, so they are left out. Appends the texel offsets
    /// (into the channel-last buffer) and bilinear weights of the in-range taps; returns the new tap count.
    /// </summary>
    private int AddBilinearTaps(int planeOffset, float u, float v, Span<int> offsets, Span<float> weights, int taps)
    {
        float ix = ((u + 1f) * _resolution - 1f) * 0.5f;
        float iy = ((v + 1f) * _resolution - 1f) * 0.5f;
        // Both taps of an axis are off the plane: nothing to add (also keeps far-away points from overflowing the int cast).
        if (!(ix > -1f && ix < _resolution && iy > -1f && iy < _resolution))
        {
            return taps;
        }
        float x0f = MathF.Floor(ix);
        float y0f = MathF.Floor(iy);
        float fx = ix - x0f;
        float fy = iy - y0f;
        int x0 = (int)x0f;
        int y0 = (int)y0f;
        taps = AddTap(planeOffset, x0, y0, (1f - fx) * (1f - fy), offsets, weights, taps);
        taps = AddTap(planeOffset, x0 + 1, y0, fx * (1f - fy), offsets, weights, taps);
        taps = AddTap(planeOffset, x0, y0 + 1, (1f - fx) * fy, offsets, weights, taps);
        return AddTap(planeOffset, x0 + 1, y0 + 1, fx * fy, offsets, weights, taps);
    }

    private int AddTap(int planeOffset, int x, int y, float weight, Span<int> offsets, Span<float> weights, int taps)
    {
        if ((uint)x >= (uint)_resolution || (uint)y >= (uint)_resolution)
        {
            return taps;
        }
        offsets[taps] = planeOffset + (y * _resolution + x) * Channels;
        weights[taps] = weight;
        return taps + 1;
    }

    private static float Component(Vector3 v, Axis axis) => axis switch { Axis.X => v.X, Axis.Y => v.Y, _ => v.Z };
}
