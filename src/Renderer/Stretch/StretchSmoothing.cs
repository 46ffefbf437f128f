using System.Numerics;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Stretch;

/// <summary>
/// Smooths a rendered picture across the streaks a turned view makes of what the photo saw edge-on
/// (<see cref="StretchFormulas"/>), for models that paint their XY plane from one photo
/// (<see cref="Scene.RenderingConfig.SmoothStretch"/>). A view the photo was taken from is never touched: nothing in it
/// is stretched. Three row-parallel passes over the picture: each pixel's point from the depth the renderer wrote, its
/// blur from its neighbours' points, then the blur, over straight colour and only among stretched pixels; opacity and
/// depth are kept. Points are camera-space (<see cref="PictureFrame.Point"/>), turned into world x, y per pixel by the
/// pose's rows, as Shaders/stretch.comp computes them.
/// Scratch is kept between frames; one picture at a time.
/// </summary>
internal sealed class StretchSmoothing
{
    private Vector3[] _points = [];
    private bool[] _hit = [];
    private Vector2[] _axis = [];
    private float[] _length = [];
    private float[] _stretch = [];
    private byte[] _source = [];
    private Vector3 _worldX, _worldY; // world x and y of a camera-space vector: rows of the pose's rotation

    /// <summary>
    /// Smooths the picture <paramref name="camera"/> rendered at column <paramref name="left"/> of
    /// <paramref name="target"/>, whose depth (world units along each pixel's ray) is <paramref name="depth"/> (the
    /// target's own or the renderer's scratch), over a plane of <paramref name="texel"/>-sized texels.
    /// </summary>
    public void Apply(RenderTarget target, float[] depth, in PinholeCamera camera, int left, float texel, ParallelOptions parallel)
    {
        int width = camera.Width, height = camera.Height, pixels = width * height;
        if (_points.Length != pixels)
        {
            (_points, _hit, _axis, _length, _stretch) = (new Vector3[pixels], new bool[pixels], new Vector2[pixels], new float[pixels], new float[pixels]);
        }
        if (_source.Length != target.Rgba.Length)
        {
            _source = new byte[target.Rgba.Length];
        }
        target.Rgba.CopyTo(_source, 0);
        var pose = camera.Pose;
        _worldX = new Vector3(pose.Right.X, pose.Down.X, pose.Forward.X);
        _worldY = new Vector3(pose.Right.Y, pose.Down.Y, pose.Forward.Y);
        var frame = PictureFrame.For(target, depth, camera, left);
        var (points, hit) = (_points, _hit);
        Parallel.For(0, height, parallel, y =>
        {
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                hit[i] = frame.Hit(frame.At(x, y));
                points[i] = hit[i] ? frame.Point(x, y) : default;
            }
        });
        Parallel.For(0, height, parallel, y =>
        {
            for (int x = 0; x < width; x++)
            {
                Estimate(x, y, width, height, depth[frame.At(x, y)] / frame.FocalPixels, texel);
            }
        });
        Parallel.For(0, height, parallel, y =>
        {
            for (int x = 0; x < width; x++)
            {
                Blur(target, x, y, width, height, left);
            }
        });
    }

    private void Estimate(int x, int y, int width, int height, float footprint, float texel)
    {
        int i = y * width + x;
        (_axis[i], _length[i], _stretch[i]) = (Vector2.Zero, 0f, 0f);
        if (!_hit[i])
        {
            return;
        }
        const int s = StretchFormulas.Stencil;
        float reach = StretchFormulas.JumpTexels * s * texel, reachSquared = reach * reach;
        if (Derivative(x, y, s, 0, width, height, reachSquared) is { } du && Derivative(x, y, 0, s, width, height, reachSquared) is { } dv)
        {
            (_axis[i], _length[i], _stretch[i]) = StretchFormulas.Estimate(du, dv, footprint, texel);
        }
    }

    /// <summary>
    /// World (x, y) per pixel toward (+<paramref name="dx"/>, +<paramref name="dy"/>): the central difference over the
    /// neighbours <paramref name="dx"/>, <paramref name="dy"/> pixels either side where both were hit on this surface
    /// (less than √<paramref name="reachSquared"/> away), else the one-sided one; null with neither.
    /// </summary>
    private Vector2? Derivative(int x, int y, int dx, int dy, int width, int height, float reachSquared)
    {
        var p = _points[y * width + x];
        bool before = Near(x - dx, y - dy, p, width, height, reachSquared), after = Near(x + dx, y + dy, p, width, height, reachSquared);
        int span = dx + dy;
        if (before && after)
        {
            return Xy(_points[(y + dy) * width + x + dx] - _points[(y - dy) * width + x - dx]) / (2 * span);
        }
        if (after)
        {
            return Xy(_points[(y + dy) * width + x + dx] - p) / span;
        }
        return before ? Xy(p - _points[(y - dy) * width + x - dx]) / span : null;
    }

    /// <summary>Pixel (x, y) was hit, less than √<paramref name="reachSquared"/> from <paramref name="p"/>.</summary>
    private bool Near(int x, int y, Vector3 p, int width, int height, float reachSquared) =>
        x >= 0 && y >= 0 && x < width && y < height && _hit[y * width + x] && Vector3.DistanceSquared(_points[y * width + x], p) < reachSquared;

    /// <summary>World (x, y) of a camera-space vector.</summary>
    private Vector2 Xy(Vector3 v) => new(Vector3.Dot(_worldX, v), Vector3.Dot(_worldY, v));

    private void Blur(RenderTarget target, int x, int y, int width, int height, int left)
    {
        int i = y * width + x;
        float length = _length[i];
        if (!(length > StretchFormulas.MinLength))
        {
            return;
        }
        var axis = _axis[i];
        int t = y * target.Width + left + x;
        float alpha = _source[4 * t + 3] / 255f;
        var sum = Vector3.Zero;
        float weights = 0f;
        int taps = (int)MathF.Ceiling(length);
        for (int k = -taps; k <= taps; k++)
        {
            // Nearest pixel, halves rounded up (as the shader does: GLSL leaves round()'s halves to the driver).
            int sx = (int)MathF.Floor(x + k * axis.X + 0.5f), sy = (int)MathF.Floor(y + k * axis.Y + 0.5f);
            if (sx < 0 || sy < 0 || sx >= width || sy >= height)
            {
                continue;
            }
            int j = sy * width + sx;
            if (!_hit[j] || !(_stretch[j] > StretchFormulas.NeighbourStretch))
            {
                continue;
            }
            int tj = sy * target.Width + left + sx;
            float weight = StretchFormulas.Tap(k, length);
            sum += weight / _source[4 * tj + 3] * new Vector3(_source[4 * tj], _source[4 * tj + 1], _source[4 * tj + 2]);
            weights += weight;
        }
        var colour = sum / weights * alpha;
        target.Write(t, colour.X, colour.Y, colour.Z, alpha, target.Depth?[t] ?? 0f);
    }
}
