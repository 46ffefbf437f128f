using System.Numerics;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// Temporal reuse: the previous frame's geometry (surface points of its sharp, opaque geometry rays), reprojected into
/// this frame's view, gives each geometry ray a depth just in front of where the surface probably is. It is only a
/// seed: <see cref="SurfaceMarcher.March"/> checks that the field is empty there and marches the ray from the start
/// when it is not (a cut to another face, a face that moved closer), so a wrong seed costs time in that same frame,
/// never a stale picture. Reprojection splats each previous point into the geometry pixel it lands in (nearest
/// distance wins); a ray takes the nearest seed of its 3 × 3 neighbourhood, which fills the splat's gaps and errs
/// toward starting early. The previous frame's geometry grid may differ from this one's (a viewer pose's frame marches
/// a coarser grid, <see cref="LiveSampling.ForPoseFrame"/>): its points are world points, splatted into this grid.
/// </summary>
internal sealed class TemporalSeeds
{
    private float[] _previousDepth = [];
    private bool[] _previousUsable = [];
    private PinholeCamera _previousCamera;
    private int _width, _height, _divisor; // the remembered frame's geometry grid
    private int _splatWidth, _splatHeight; // this frame's
    private bool _remembered;
    private float[] _splat = [];

    /// <summary>Keeps this frame's geometry for the next frame.</summary>
    public void Remember(GeometryBuffer geometry, in PinholeCamera camera)
    {
        int pixels = geometry.Width * geometry.Height;
        if (_previousDepth.Length != pixels)
        {
            (_previousDepth, _previousUsable) = (new float[pixels], new bool[pixels]);
        }
        for (int i = 0; i < pixels; i++)
        {
            _previousDepth[i] = geometry.Depth[i];
            _previousUsable[i] = geometry.Sharp[i] && geometry.Opacity[i] >= LiveFrameRenderer.OpaqueOpacity;
        }
        (_previousCamera, _width, _height, _divisor, _remembered) = (camera, geometry.Width, geometry.Height, geometry.Divisor, true);
    }

    /// <summary>Reprojects the remembered frame into <paramref name="camera"/>'s geometry grid; false (no seeds) when there is none of this output size.</summary>
    public bool Prepare(GeometryBuffer geometry, in PinholeCamera camera)
    {
        bool sameSize = _remembered && camera.Width == _previousCamera.Width && camera.Height == _previousCamera.Height;
        if (!sameSize)
        {
            return false;
        }
        (_splatWidth, _splatHeight) = (geometry.Width, geometry.Height);
        if (_splat.Length != _splatWidth * _splatHeight)
        {
            _splat = new float[_splatWidth * _splatHeight];
        }
        Array.Fill(_splat, float.PositiveInfinity);
        var pose = camera.Pose;
        float focal = camera.FocalPixels;
        int divisor = geometry.Divisor;
        for (int j = 0; j < _height; j++)
        {
            for (int i = 0; i < _width; i++)
            {
                int index = j * _width + i;
                if (!_previousUsable[index]) continue;
                var point = _previousCamera.PointRay((i + 0.5f) * _divisor, (j + 0.5f) * _divisor).At(_previousDepth[index]);
                var offset = point - pose.Origin;
                float z = Vector3.Dot(offset, pose.Forward);
                if (!(z > 0f)) continue;
                float px = Vector3.Dot(offset, pose.Right) / z * focal + camera.PrincipalX;
                float py = Vector3.Dot(offset, pose.Down) / z * focal + 0.5f * camera.Height;
                int gi = (int)MathF.Floor(px / divisor), gj = (int)MathF.Floor(py / divisor);
                if ((uint)gi >= (uint)_splatWidth || (uint)gj >= (uint)_splatHeight) continue;
                ref float slot = ref _splat[gj * _splatWidth + gi];
                slot = MathF.Min(slot, offset.Length());
            }
        }
        return true;
    }

    /// <summary>The nearest reprojected surface distance around geometry pixel (i, j); +∞ where none landed.</summary>
    public float Nearest(int i, int j)
    {
        float nearest = float.PositiveInfinity;
        for (int y = Math.Max(j - 1, 0); y <= Math.Min(j + 1, _splatHeight - 1); y++)
        {
            for (int x = Math.Max(i - 1, 0); x <= Math.Min(i + 1, _splatWidth - 1); x++)
            {
                nearest = MathF.Min(nearest, _splat[y * _splatWidth + x]);
            }
        }
        return nearest;
    }
}
