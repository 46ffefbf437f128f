using System.Numerics;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// Where each pixel of a view looks on the far plane z = <c>depth</c> (world units; EG3D's world, y up, the default
/// camera on +z), expressed as the crop pixel that shows that point: the pixel's ray (<see cref="PinholeCamera"/>'s
/// lift) meets the plane, and the crop's camera (the bundle's default view at the crop's size, which is how the
/// relief encoder's <c>SampleCrop</c> relates world points to crop pixels: u/S = ½ + f·x / (R − z)) projects the hit.
/// <para>
/// Both steps are projective, so the whole map is a homography of the view's pixel coordinates, set up once per frame
/// from the two cameras: with the ray d(px, py) = d₀ + px·dₓ + py·d_y (the lift is affine), the hit is
/// O + t·d with t = (depth − O_z) / d_z, and d_z·(hit − crop origin) = d_z·(O − O_c) + (depth − O_z)·d is linear in d.
/// Per pixel that is three dot products and a division instead of a ray, a normalisation and a projection.
/// </para>
/// </summary>
internal readonly struct FarPlaneMap
{
    /// <summary>Rays flatter than this (|d_z| per unit of the lift's z = 1) are taken to miss the plane.</summary>
    private const float MinSlope = 1e-6f;

    private readonly Vector3 _h0, _hx, _hy;
    private readonly float _dz0, _dzx, _dzy;
    private readonly bool _inFront;

    public FarPlaneMap(PinholeCamera view, PinholeCamera crop, float depth)
    {
        // The view's ray directions at pixel points (0, 0), (1, 0), (0, 1): its lift is affine in the pixel position.
        var d0 = Direction(view, 0f, 0f);
        var dx = Direction(view, 1f, 0f) - d0;
        var dy = Direction(view, 0f, 1f) - d0;
        var origin = view.Pose.Origin;
        // The plane shows its picture to +z only, as the crop's camera saw it; a camera behind it sees nothing there.
        _inFront = origin.Z > depth;
        (_dz0, _dzx, _dzy) = (d0.Z, dx.Z, dy.Z);
        _h0 = Homogeneous(d0, origin, depth, crop);
        _hx = Homogeneous(dx, origin, depth, crop);
        _hy = Homogeneous(dy, origin, depth, crop);
    }

    /// <summary>
    /// The crop point (pixels from its top-left corner, continuous) seen through view point (<paramref name="px"/>,
    /// <paramref name="py"/>); false when that ray never meets the plane in front of both cameras.
    /// </summary>
    public bool TryMap(float px, float py, out float u, out float v)
    {
        var dz = _dz0 + px * _dzx + py * _dzy;
        var h = _h0 + px * _hx + py * _hy;
        // From in front, t = (depth − O_z) / d_z > 0 needs the ray to head toward −z; h = d_z·(crop camera's x·f + c·z,
        // y·f + c·z, z), and the hit must also lie in front of the crop's camera (z > 0).
        if (!_inFront || !(dz < -MinSlope) || !(h.Z * dz > 0f))
        {
            (u, v) = (0f, 0f);
            return false;
        }
        (u, v) = (h.X / h.Z, h.Y / h.Z);
        return true;
    }

    private static Vector3 Direction(PinholeCamera camera, float px, float py) =>
        camera.Pose.ToWorld(camera.Intrinsics.Lift(px - camera.PrincipalShiftPixels, py, camera.Width, camera.Height));

    /// <summary>
    /// The crop camera's homogeneous pixel coordinates of d_z·(hit − O_c) for ray direction <paramref name="d"/> (linear
    /// in d: the map's columns).
    /// </summary>
    private static Vector3 Homogeneous(Vector3 d, Vector3 origin, float depth, PinholeCamera crop)
    {
        var scaledOffset = d.Z * (origin - crop.Pose.Origin) + (depth - origin.Z) * d;
        var z = Vector3.Dot(scaledOffset, crop.Pose.Forward);
        return new Vector3(
            crop.FocalPixels * Vector3.Dot(scaledOffset, crop.Pose.Right) + 0.5f * crop.Width * z,
            crop.FocalPixels * Vector3.Dot(scaledOffset, crop.Pose.Down) + 0.5f * crop.Height * z,
            z);
    }
}
