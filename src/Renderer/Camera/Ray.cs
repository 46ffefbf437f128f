using System.Numerics;

namespace PortraitStream.Renderer.Camera;

/// <summary>
/// A world-space ray: <see cref="Origin"/> in world units, <see cref="Direction"/> a unit vector, so a depth t along it
/// is a Euclidean distance from the camera centre (EG3D normalises its ray directions the same way).
/// </summary>
public readonly record struct Ray(Vector3 Origin, Vector3 Direction)
{
    public Vector3 At(float depth) => Origin + depth * Direction;
}
