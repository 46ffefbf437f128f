using System.Numerics;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Live;

/// <summary>
/// Stereo's shared geometry pass: the second eye's geometry taken from the first eye's where the first eye saw one
/// smooth opaque surface, so only the rest of the second eye's geometry rays are marched. The eyes are parallel cameras
/// moved along their common right axis (<see cref="StereoRig"/>), so geometry row j of both eyes lies in one epipolar
/// plane: the first eye's row of surface points is a polyline in that plane, and each second-eye ray of the row meets
/// it where it meets the segment between two neighbouring first-eye points — exactly (the ray's intersection with the
/// segment, not a resampled image), the same linear interpolation between geometry rays the output pass's deferred
/// shading already makes. A segment counts only where both ends are sharp and opaque and lie within
/// <see cref="SmoothPixels"/> footprints of each other; where several segments cover a ray the nearest wins (depth
/// test). Where none does — the strip of face the first eye could not see beside a nose or a cheek (disocclusion),
/// soft rays, silhouettes, the image's edge — the second eye marches its own ray as before. Styled frames share too
/// (see <see cref="SmoothPixels"/>). Not the Vulkan kernel: there each tile's geometry lives in workgroup memory for
/// one fused dispatch, so the second eye would need the first eye's whole geometry written out, a barrier between the
/// eyes' dispatches (which now may overlap) and a search of its epipolar row per ray: the second eye's dispatch would
/// wait for the first's, trading the GPU's parallelism for queries it has to spare.
/// </summary>
internal sealed class CrossEyeGeometry
{
    /// <summary>
    /// Neighbouring first-eye surface points within this many geometry-pixel footprints of depth are one surface for the
    /// second eye: twice the output pass's <see cref="LiveFrameRenderer.SmoothSurfacePixels"/>, because every seam between
    /// shared and own-marched depths is a small depth step, which a style's depth-gradient normals draw as a line or a
    /// band edge; fewer, larger shared regions have fewer seams. Each eye against the eye marched alone on the
    /// portrait's relief at 256², first frame: at 4 footprints unstyled 45 dB (yaw 30°), toon 36 dB, outline 32 dB;
    /// at 8 unstyled 52 dB, toon and outline 37.5 dB, at 0° and −30° 59–64 dB; 16 as 8; 1 gives 25–30 dB styled (the
    /// most seams). The field queries saved are the same at 4 and 8.
    /// </summary>
    public const float SmoothPixels = 8f;

    private float[] _depth = [];
    private float[] _opacity = [];

    /// <summary>
    /// Intersects <paramref name="camera"/>'s geometry rays with <paramref name="first"/>, the geometry that
    /// <paramref name="firstCamera"/> (the other eye, same size and divisor) just marched.
    /// </summary>
    public void Reproject(GeometryBuffer first, in PinholeCamera firstCamera, in PinholeCamera camera, ParallelOptions parallel)
    {
        int width = first.Width, pixels = first.Width * first.Height;
        if (_depth.Length != pixels)
        {
            (_depth, _opacity) = (new float[pixels], new float[pixels]);
        }
        Array.Fill(_depth, float.PositiveInfinity);
        var (from, to) = (firstCamera, camera);
        Parallel.For(0, first.Height, parallel, j =>
        {
            float d = first.Divisor;
            float py = (j + 0.5f) * d;
            float footprintsPerDepth = SmoothPixels * d / from.FocalPixels;
            for (int i = 0; i + 1 < width; i++)
            {
                int a = j * width + i, b = a + 1;
                if (!Opaque(first, a) || !Opaque(first, b)) continue;
                float near = MathF.Min(first.Depth[a], first.Depth[b]), far = MathF.Max(first.Depth[a], first.Depth[b]);
                if (far - near > footprintsPerDepth * far) continue;
                var p = from.PointRay((i + 0.5f) * d, py).At(first.Depth[a]);
                var q = from.PointRay((i + 1.5f) * d, py).At(first.Depth[b]);
                if (!to.TryProject(p, out float px, out _) || !to.TryProject(q, out float qx, out _)) continue;
                // The second eye's geometry rays whose centres ((gi + 0.5) · d) lie between the ends' projections.
                int lo = Math.Max((int)MathF.Ceiling(MathF.Min(px, qx) / d - 0.5f), 0);
                int hi = Math.Min((int)MathF.Floor(MathF.Max(px, qx) / d - 0.5f), width - 1);
                float opacity = MathF.Min(first.Opacity[a], first.Opacity[b]);
                for (int gi = lo; gi <= hi; gi++)
                {
                    float depth = Intersect(to, (gi + 0.5f) * d, py, p, q);
                    int index = j * width + gi;
                    if (depth < _depth[index])
                    {
                        (_depth[index], _opacity[index]) = (depth, opacity);
                    }
                }
            }
        });
    }

    /// <summary>The first eye's surface along geometry ray <paramref name="index"/> of the second eye, if it had one.</summary>
    public bool TryGet(int index, out float depth, out float opacity)
    {
        (depth, opacity) = (_depth[index], _opacity[index]);
        return float.IsFinite(depth);
    }

    private static bool Opaque(GeometryBuffer g, int index) => g.Sharp[index] && g.Opacity[index] >= LiveFrameRenderer.OpaqueOpacity;

    /// <summary>
    /// Depth (along the unit ray) where <paramref name="camera"/>'s ray through image point (<paramref name="x"/>,
    /// <paramref name="y"/>) meets segment p→q of its epipolar plane: the s in [0, 1] at which p + s(q − p) projects to
    /// image x, u · (F·(A + sD)) = f · (R·(A + sD)) with A = p − origin, D = q − p, u = x − principal x; +∞ if none.
    /// </summary>
    private static float Intersect(in PinholeCamera camera, float x, float y, Vector3 p, Vector3 q)
    {
        var pose = camera.Pose;
        var a = p - pose.Origin;
        var along = q - p;
        float u = x - camera.PrincipalX, f = camera.FocalPixels;
        float denominator = u * Vector3.Dot(pose.Forward, along) - f * Vector3.Dot(pose.Right, along);
        if (MathF.Abs(denominator) < 1e-12f) return float.PositiveInfinity;
        float s = (f * Vector3.Dot(pose.Right, a) - u * Vector3.Dot(pose.Forward, a)) / denominator;
        if (!(s >= -1e-4f && s <= 1f + 1e-4f)) return float.PositiveInfinity;
        var ray = camera.PointRay(x, y);
        return Vector3.Dot(a + Math.Clamp(s, 0f, 1f) * along, ray.Direction);
    }
}
