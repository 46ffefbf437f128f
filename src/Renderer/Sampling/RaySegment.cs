using PortraitStream.Renderer.Camera;

namespace PortraitStream.Renderer.Sampling;

/// <summary>
/// The part of a ray that is sampled: depths [<see cref="Start"/>, <see cref="End"/>] in world units along a unit-length
/// ray. Empty when the ray misses the triplanes' box or the box lies outside the near/far range: that pixel is background.
/// </summary>
public readonly record struct RaySegment(float Start, float End)
{
    public bool IsEmpty => !(End > Start);

    /// <summary>
    /// The ray's overlap with the cube [−boxWarp/2, boxWarp/2]³ (the slab method of EG3D's <c>get_ray_limits_box</c>,
    /// after scratchapixel's ray-box intersection), intersected with [near, far]. EG3D uses either the box ("auto") or a
    /// fixed near/far; using both keeps every sample inside the planes, where zero padding would otherwise feed the
    /// decoder zero features.
    /// </summary>
    public static RaySegment Clip(in Ray ray, float boxWarp, float near, float far)
    {
        float half = 0.5f * boxWarp;
        float enter = near;
        float exit = far;
        for (int axis = 0; axis < 3; axis++)
        {
            float origin = Component(ray.Origin, axis);
            float inverse = 1f / Component(ray.Direction, axis);
            float t0 = (-half - origin) * inverse;
            float t1 = (half - origin) * inverse;
            // A ray parallel to a slab gives ±∞ (or NaN when it grazes the face); the comparisons below are false for
            // NaN, so such an axis leaves the range as it is, as on a GPU.
            float tNear = t0 < t1 ? t0 : t1;
            float tFar = t0 < t1 ? t1 : t0;
            if (tNear > enter) enter = tNear;
            if (tFar < exit) exit = tFar;
        }
        return new RaySegment(enter, exit);
    }

    private static float Component(System.Numerics.Vector3 v, int axis) => axis switch { 0 => v.X, 1 => v.Y, _ => v.Z };
}
