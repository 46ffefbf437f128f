using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Stretch;

namespace PortraitStream.Renderer.Tests.Stretch;

/// <summary>
/// The CPU pass on pictures ray-cast here from a plane whose colour, like a relief's, is a function of world (x, y)
/// alone: stripes one texel tall. A wall the photo saw edge-on (x = 0) seen from 60° is all stretch, and its stripes
/// are the streaks; a face-on plane (z = 0.1) is not stretched from the front or from 25°, and is left alone.
/// </summary>
public sealed class StretchSmoothingTests
{
    private const int Size = 64;
    private const float Texel = 1f / 128;
    private static readonly ParallelOptions Parallel = new() { MaxDegreeOfParallelism = 2 };

    [Fact]
    public void AWallSeenSquareThatThePhotoSawEdgeOn_LosesItsStreaks()
    {
        var camera = Camera(60f);
        var (target, depth) = CastPlane(camera, Vector3.UnitX, 0f);
        var (alpha, depthBefore) = (Alphas(target), (float[])depth.Clone());
        double before = RowToRowChange(target, depth);

        new StretchSmoothing().Apply(target, depth, camera, 0, Texel, Parallel);

        double after = RowToRowChange(target, depth);
        Assert.True(before > 40, $"the wall has no streaks to begin with ({before:F1} per row)");
        Assert.True(after < before / 4, $"streaks {before:F1} → {after:F1} per row");
        Assert.Equal(alpha, Alphas(target));
        Assert.Equal(depthBefore, depth);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(25f)]
    public void AFaceOnPlane_IsLeftAsRendered(float yaw)
    {
        var camera = Camera(yaw);
        var (target, depth) = CastPlane(camera, Vector3.UnitZ, 0.1f);
        var rendered = (byte[])target.Rgba.Clone();

        new StretchSmoothing().Apply(target, depth, camera, 0, Texel, Parallel);

        Assert.Contains(rendered.Where((_, i) => i % 4 == 3), a => a > 0);
        Assert.Equal(rendered, target.Rgba);
    }

    [Fact]
    public void APictureInTheRightHalfOfATarget_IsSmoothedAsOnItsOwn()
    {
        var camera = Camera(60f);
        var (alone, aloneDepth) = CastPlane(camera, Vector3.UnitX, 0f);
        new StretchSmoothing().Apply(alone, aloneDepth, camera, 0, Texel, Parallel);

        var (picture, pictureDepth) = CastPlane(camera, Vector3.UnitX, 0f);
        var wide = RenderTarget.Allocate(2 * Size, Size);
        var wideDepth = new float[2 * Size * Size];
        Array.Fill(wideDepth, float.PositiveInfinity);
        for (int y = 0; y < Size; y++)
        {
            picture.Rgba.AsSpan(4 * y * Size, 4 * Size).CopyTo(wide.Rgba.AsSpan(4 * (y * 2 * Size + Size)));
            pictureDepth.AsSpan(y * Size, Size).CopyTo(wideDepth.AsSpan(y * 2 * Size + Size));
        }
        new StretchSmoothing().Apply(wide, wideDepth, camera, Size, Texel, Parallel);

        for (int y = 0; y < Size; y++)
        {
            Assert.Equal(alone.Rgba.AsSpan(4 * y * Size, 4 * Size).ToArray(), wide.Rgba.AsSpan(4 * (y * 2 * Size + Size), 4 * Size).ToArray());
        }
    }

    private static PinholeCamera Camera(float yaw) => PinholeCamera.For(new CameraView(yaw, 0f), RenderingConfig.Eg3dFfhq, Size, Size);

    /// <summary>
    /// The plane n · p = offset within the box |x|, |y|, |z| &lt; 0.25, opaque, coloured by world y in stripes one
    /// texel tall (x adds a slow ramp); transparent with infinite depth elsewhere.
    /// </summary>
    private static (RenderTarget Target, float[] Depth) CastPlane(in PinholeCamera camera, Vector3 normal, float offset)
    {
        var target = RenderTarget.Allocate(Size, Size);
        var depth = new float[Size * Size];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                var ray = camera.PixelRay(x, y);
                float t = (offset - Vector3.Dot(normal, ray.Origin)) / Vector3.Dot(normal, ray.Direction);
                var p = ray.At(t);
                int i = y * Size + x;
                if (!(t > 0f) || MathF.Max(MathF.Abs(p.X), MathF.Max(MathF.Abs(p.Y), MathF.Abs(p.Z))) > 0.25f)
                {
                    depth[i] = float.PositiveInfinity;
                    continue;
                }
                depth[i] = t;
                float stripe = (int)MathF.Floor(p.Y / Texel) % 2 == 0 ? 0.8f : 0.25f;
                target.Write(i, stripe, 0.5f + p.X, 1f - stripe, 1f, t);
            }
        }
        return (target, depth);
    }

    private static byte[] Alphas(RenderTarget target) => target.Rgba.Where((_, i) => i % 4 == 3).ToArray();

    /// <summary>Mean red difference between vertically adjacent opaque pixels, in bytes.</summary>
    private static double RowToRowChange(RenderTarget target, float[] depth)
    {
        double sum = 0;
        int count = 0;
        for (int y = 0; y + 1 < Size; y++)
        {
            for (int x = 0; x < Size; x++)
            {
                int a = y * Size + x, b = a + Size;
                if (float.IsFinite(depth[a]) && float.IsFinite(depth[b]))
                {
                    sum += Math.Abs(target.Rgba[4 * a] - target.Rgba[4 * b]);
                    count++;
                }
            }
        }
        return count == 0 ? 0 : sum / count;
    }
}
