using System.Numerics;

namespace PortraitStream.Renderer.Styles;

/// <summary>
/// What <see cref="StyleShading"/> reads of one render: premultiplied RGBA bytes, depth (world units along each unit
/// ray, +∞ where nothing was hit) and the camera's focal length in pixels, with the per-pixel readings both passes
/// share. Shaders/style.comp's pixelPoint, hit and pixelNormal are the same readings on the GPU.
/// </summary>
internal readonly record struct StyleFrame(int Width, int Height, float FocalPixels, byte[] Rgba, float[] Depth)
{
    /// <summary>The index of (x, y) clamped to the image: a neighbour off the edge is the pixel itself (no jump).</summary>
    public int Index(int x, int y) => Math.Clamp(y, 0, Height - 1) * Width + Math.Clamp(x, 0, Width - 1);

    /// <summary>Straight colour in [0, 1] (premultiplied bytes divided by opacity) and opacity in w; 0 where transparent.</summary>
    public Vector4 Straight(int i)
    {
        float alpha = Rgba[4 * i + 3] / 255f;
        if (alpha <= 0f)
        {
            return Vector4.Zero;
        }
        var colour = new Vector3(Rgba[4 * i], Rgba[4 * i + 1], Rgba[4 * i + 2]) / (255f * alpha);
        return new Vector4(Vector3.Min(colour, Vector3.One), alpha);
    }

    /// <summary>A surface was hit: some opacity and a finite depth.</summary>
    public bool Hit(int i) => Rgba[4 * i + 3] > 0 && float.IsFinite(Depth[i]);

    /// <summary>Camera-space point of pixel (x, y): its depth along its unit ray.</summary>
    public Vector3 Point(int x, int y)
    {
        var lift = new Vector3((x + 0.5f - 0.5f * Width) / FocalPixels, (y + 0.5f - 0.5f * Height) / FocalPixels, 1f);
        return Depth[y * Width + x] * Vector3.Normalize(lift);
    }

    /// <summary>
    /// Unit surface normal facing the camera from the depth gradient: along each axis a blend of the one-sided
    /// differences to the hit neighbours (<see cref="StyleFormulas.BlendSteps"/>), so a silhouette's far side never
    /// tilts the normal; facing the camera (0, 0, −1) where nothing was hit.
    /// </summary>
    public Vector3 Normal(int x, int y)
    {
        if (!Hit(y * Width + x))
        {
            return StyleFormulas.Facing;
        }
        var p = Point(x, y);
        float footprint = Depth[y * Width + x] / FocalPixels;
        var dx = Step(p, x - 1, y, x + 1, y, Vector3.UnitX, footprint);
        var dy = Step(p, x, y - 1, x, y + 1, Vector3.UnitY, footprint);
        return StyleFormulas.NormalFrom(dx, dy);
    }

    /// <summary>p's step toward the "after" neighbour from after − p and p − before, where those neighbours were hit.</summary>
    private Vector3 Step(Vector3 p, int bx, int by, int ax, int ay, Vector3 fallback, float footprint)
    {
        bool before = bx >= 0 && by >= 0 && Hit(by * Width + bx);
        bool after = ax < Width && ay < Height && Hit(ay * Width + ax);
        var back = before ? p - Point(bx, by) : fallback;
        var ahead = after ? Point(ax, ay) - p : fallback;
        if (before && after)
        {
            return StyleFormulas.BlendSteps(ahead, back, footprint);
        }
        return after ? ahead : back;
    }
}
