using System.Numerics;

namespace PortraitStream.Inference.Faces;

/// <summary>An axis-aligned face box in image pixels, by centre and size.</summary>
public readonly record struct FaceBox(Vector2 Center, float Width, float Height)
{
    public float Left => Center.X - Width / 2;
    public float Top => Center.Y - Height / 2;
    public float Right => Center.X + Width / 2;
    public float Bottom => Center.Y + Height / 2;
    public float Area => Width * Height;

    public bool Contains(Vector2 point) => point.X >= Left && point.X <= Right && point.Y >= Top && point.Y <= Bottom;

    /// <summary>Intersection over union, 0 for disjoint boxes.</summary>
    public float IntersectionOverUnion(FaceBox other)
    {
        var width = MathF.Min(Right, other.Right) - MathF.Max(Left, other.Left);
        var height = MathF.Min(Bottom, other.Bottom) - MathF.Max(Top, other.Top);
        if (width <= 0 || height <= 0)
        {
            return 0;
        }
        var intersection = width * height;
        return intersection / (Area + other.Area - intersection);
    }
}
