using System.Numerics;
using System.Runtime.Intrinsics.X86;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;

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
    /// <summary>The planes that hold anything but zeros: an all-zero plane adds nothing to the mean but its share.</summary>
    private int[] _nonZeroPlanes = [];
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
        // One vector of slack after the last texel: a narrow field's sums read a whole vector from every tap.
        if (_texels.Length != layout.Length + Vector<float>.Count)
        {
            _texels = new float[layout.Length + Vector<float>.Count];
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
        _nonZeroPlanes = [.. Enumerable.Range(0, layout.Planes).Where(plane => !planes.IsZeroPlane(plane))];
        _resolution = layout.Resolution;
        _scale = 2f / boxWarp;
        Channels = layout.Channels;
    }

    /// <summary>
    /// Writes the mean over planes of the sampled features at each depth along <paramref name="ray"/> into
    /// <paramref name="features"/> (N vectors of C floats, one after another). A field of at most one vector of
    /// channels is summed point by point (<see cref="SampleNarrow"/>); a wider one in two passes: first every sample's
    /// taps, then the weighted sums, each sample's texels prefetched <see cref="PrefetchDistance"/> samples ahead when
    /// the planes are large. EG3D-sized planes (25 MB) are far beyond the caches, and a sample's misses would otherwise
    /// wait behind the previous sample's arithmetic instead of overlapping with it.
    /// </summary>
    internal void Sample(in Ray ray, ReadOnlySpan<float> depths, Span<float> features, FieldTaps taps)
    {
        if (Channels <= Vector<float>.Count)
        {
            for (int k = 0; k < depths.Length; k++)
            {
                SampleNarrow(ray.At(depths[k]), k, features);
            }
            return;
        }
        for (int k = 0; k < depths.Length; k++)
        {
            ListTaps(ray.At(depths[k]), k, taps);
        }
        SumTaps(depths.Length, features, taps);
    }

    /// <summary>The same at arbitrary world points (one per output pixel when shading at known depths).</summary>
    internal void Sample(ReadOnlySpan<Vector3> points, Span<float> features, FieldTaps taps)
    {
        if (Channels <= Vector<float>.Count)
        {
            for (int k = 0; k < points.Length; k++)
            {
                SampleNarrow(points[k], k, features);
            }
            return;
        }
        for (int k = 0; k < points.Length; k++)
        {
            ListTaps(points[k], k, taps);
        }
        SumTaps(points.Length, features, taps);
    }

    private void ListTaps(Vector3 point, int k, FieldTaps taps)
    {
        int planeLength = _resolution * _resolution * Channels;
        var scaled = point * _scale;
        var offsets = taps.Offsets.AsSpan(k * FieldTaps.MaxPerSample, FieldTaps.MaxPerSample);
        var weights = taps.Weights.AsSpan(k * FieldTaps.MaxPerSample, FieldTaps.MaxPerSample);
        int count = 0;
        foreach (int plane in _nonZeroPlanes)
        {
            count = AddBilinearTaps(plane * planeLength, Component(scaled, _axes[plane].U), Component(scaled, _axes[plane].V), offsets, weights, count);
        }
        taps.Counts[k] = count;
    }

    private void SumTaps(int samples, Span<float> features, FieldTaps taps)
    {
        bool prefetch = Sse.IsSupported && _texels.LongLength * sizeof(float) > PrefetchAboveBytes;
        for (int k = 0; prefetch && k < Math.Min(PrefetchDistance, samples); k++)
        {
            Prefetch(taps, k);
        }
        float meanScale = 1f / _axes.Length;
        for (int k = 0; k < samples; k++)
        {
            if (prefetch && k + PrefetchDistance < samples)
            {
                Prefetch(taps, k + PrefetchDistance);
            }
            int count = taps.Counts[k];
            VectorMath.WeightedSum(_texels, taps.Offsets.AsSpan(k * FieldTaps.MaxPerSample, count), taps.Weights.AsSpan(k * FieldTaps.MaxPerSample, count),
                meanScale, features.Slice(k * Channels, Channels));
        }
    }

    /// <summary>
    /// One point of a field of at most one vector of channels (the relief models' 4 and 5), its taps summed as they are
    /// found: each tap is one vector load and one multiply-add, its lanes past the channels reading the next texel's
    /// (never used). Listing the taps first (<see cref="ListTaps"/>) pays off only where prefetching hides memory
    /// latency, which such small planes do not have; here the list's stores and loads were most of a relief frame's
    /// field queries. Samples are written in order as whole vectors, whose extra lanes the next sample overwrites; the
    /// last one only its channels. The sums, and their order, are the listed path's.
    /// </summary>
    private void SampleNarrow(Vector3 point, int k, Span<float> features)
    {
        var scaled = point * _scale;
        int planeLength = _resolution * _resolution * Channels;
        var sum = Vector<float>.Zero;
        foreach (int plane in _nonZeroPlanes)
        {
            sum = AddBilinear(plane * planeLength, Component(scaled, _axes[plane].U), Component(scaled, _axes[plane].V), sum);
        }
        sum *= new Vector<float>(1f / _axes.Length);
        var destination = features[(k * Channels)..];
        if (destination.Length >= Vector<float>.Count)
        {
            sum.CopyTo(destination);
        }
        else
        {
            for (int c = 0; c < Channels; c++) destination[c] = sum[c];
        }
    }

    /// <summary><paramref name="sum"/> plus the plane's bilinear sample at (u, v): the taps <see cref="AddBilinearTaps"/> lists, summed in its order.</summary>
    private Vector<float> AddBilinear(int planeOffset, float u, float v, Vector<float> sum)
    {
        if (!TryFootprint(u, v, out int x0, out int y0, out float fx, out float fy))
        {
            return sum;
        }
        var texels = _texels.AsSpan();
        if (IsInterior(x0, y0))
        {
            int row = _resolution * Channels;
            int first = planeOffset + (y0 * _resolution + x0) * Channels;
            sum = Vector.MultiplyAddEstimate(new Vector<float>(texels[first..]), new Vector<float>((1f - fx) * (1f - fy)), sum);
            sum = Vector.MultiplyAddEstimate(new Vector<float>(texels[(first + Channels)..]), new Vector<float>(fx * (1f - fy)), sum);
            sum = Vector.MultiplyAddEstimate(new Vector<float>(texels[(first + row)..]), new Vector<float>((1f - fx) * fy), sum);
            return Vector.MultiplyAddEstimate(new Vector<float>(texels[(first + row + Channels)..]), new Vector<float>(fx * fy), sum);
        }
        sum = AddTap(planeOffset, x0, y0, (1f - fx) * (1f - fy), sum);
        sum = AddTap(planeOffset, x0 + 1, y0, fx * (1f - fy), sum);
        sum = AddTap(planeOffset, x0, y0 + 1, (1f - fx) * fy, sum);
        return AddTap(planeOffset, x0 + 1, y0 + 1, fx * fy, sum);
    }

    /// <summary><paramref name="sum"/> plus texel (x, y)'s channels times <paramref name="weight"/>; nothing off the plane.</summary>
    private Vector<float> AddTap(int planeOffset, int x, int y, float weight, Vector<float> sum) =>
        (uint)x < (uint)_resolution && (uint)y < (uint)_resolution
            ? Vector.MultiplyAddEstimate(new Vector<float>(_texels.AsSpan(planeOffset + (y * _resolution + x) * Channels)), new Vector<float>(weight), sum)
            : sum;

    /// <summary>Samples between a prefetch and its use: enough to cover a memory access with the sums of the samples in between.</summary>
    private const int PrefetchDistance = 4;

    /// <summary>
    /// Planes up to this size (bytes) stay in the caches, where prefetching only costs instructions: measured on a
    /// 2-core EPYC, a relief's 3 MB planes render 20 % slower with it, EG3D's 25 MB 30 % faster.
    /// </summary>
    private const long PrefetchAboveBytes = 8L << 20;

    /// <summary>A hint only (callers check <see cref="Sse.IsSupported"/>): without it the sums simply wait for memory.</summary>
    private unsafe void Prefetch(FieldTaps taps, int sample)
    {
        // 16 floats per 64-byte cache line; the tap's last float covers a line that a stride would step over.
        const int floatsPerLine = 16;
        var offsets = taps.Offsets.AsSpan(sample * FieldTaps.MaxPerSample, taps.Counts[sample]);
        fixed (float* texels = _texels)
        {
            foreach (int offset in offsets)
            {
                for (int c = 0; c < Channels; c += floatsPerLine)
                {
                    Sse.Prefetch0(texels + offset + c);
                }
                Sse.Prefetch0(texels + offset + Channels - 1);
            }
        }
    }

    /// <summary>
    /// <c>grid_sample</c> with <c>align_corners=False</c>: texel centres sit at (i + 0.5) / R in [0, 1], so the continuous
    /// index is ((u + 1) · R − 1) / 2, between taps x0 and x0 + 1 at fraction fx (likewise y); taps outside [0, R − 1]
    /// read zero. False when both taps of an axis are off the plane: nothing to add (which also keeps far-away points
    /// from overflowing the int cast).
    /// </summary>
    private bool TryFootprint(float u, float v, out int x0, out int y0, out float fx, out float fy)
    {
        float ix = ((u + 1f) * _resolution - 1f) * 0.5f;
        float iy = ((v + 1f) * _resolution - 1f) * 0.5f;
        (x0, y0, fx, fy) = (0, 0, 0f, 0f);
        if (!(ix > -1f && ix < _resolution && iy > -1f && iy < _resolution))
        {
            return false;
        }
        float x0f = MathF.Floor(ix);
        float y0f = MathF.Floor(iy);
        (x0, y0, fx, fy) = ((int)x0f, (int)y0f, ix - x0f, iy - y0f);
        return true;
    }

    /// <summary>All four taps on the plane (every sample but those within a texel of its edge): no per-tap checks.</summary>
    private bool IsInterior(int x0, int y0) => (uint)x0 < (uint)(_resolution - 1) && (uint)y0 < (uint)(_resolution - 1);

    /// <summary>
    /// Appends the texel offsets (into the channel-last buffer) and bilinear weights of the in-range taps at (u, v)
    /// (<see cref="TryFootprint"/>); returns the new tap count.
    /// </summary>
    private int AddBilinearTaps(int planeOffset, float u, float v, Span<int> offsets, Span<float> weights, int taps)
    {
        if (!TryFootprint(u, v, out int x0, out int y0, out float fx, out float fy))
        {
            return taps;
        }
        if (IsInterior(x0, y0))
        {
            int row = _resolution * Channels;
            int first = planeOffset + (y0 * _resolution + x0) * Channels;
            var o = offsets.Slice(taps, 4);
            var w = weights.Slice(taps, 4);
            (o[0], o[1], o[2], o[3]) = (first, first + Channels, first + row, first + row + Channels);
            (w[0], w[1], w[2], w[3]) = ((1f - fx) * (1f - fy), fx * (1f - fy), (1f - fx) * fy, fx * fy);
            return taps + 4;
        }
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
