using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Renderer;

/// <summary>
/// What the passes after a render (<see cref="StyleShading"/>, <see cref="Stretch.StretchSmoothing"/>) read of one
/// picture: premultiplied RGBA bytes, depth (world units along each unit ray, +∞ where nothing was hit) and its camera's
/// focal length and principal point in pixels, with the per-pixel readings they share. The picture is the
/// <see cref="Width"/> × <see cref="Height"/> block at column <see cref="Left"/> of a target <see cref="Stride"/> pixels
/// wide: one stereo eye of a side-by-side target, or the whole target in mono. (x, y) are the picture's own pixels;
/// indices (<see cref="At"/>) are the target's. Shaders/picture.glsl's at, hit and pixelPoint and style.comp's
/// pixelNormal are the same readings on the GPU.
/// </summary>
internal readonly record struct PictureFrame(int Width, int Height, float FocalPixels, float PrincipalX, byte[] Rgba, float[] Depth, int Stride, int Left)
{
    /// <summary>The picture <paramref name="camera"/> rendered at column <paramref name="left"/> of <paramref name="target"/>.</summary>
    public static PictureFrame For(RenderTarget target, float[] depth, in PinholeCamera camera, int left) =>
        new(camera.Width, camera.Height, camera.FocalPixels, camera.PrincipalX, target.Rgba, depth, target.Width, left);

    /// <summary>The target index of the picture's pixel (x, y).</summary>
    public int At(int x, int y) => y * Stride + Left + x;

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

    /// <summary>Camera-space point of pixel (x, y): its depth along its unit ray (through the principal point's offset,
    /// so a stereo eye's off-axis frustum gives its true rays).</summary>
    public Vector3 Point(int x, int y)
    {
        var lift = new Vector3((x + 0.5f - PrincipalX) / FocalPixels, (y + 0.5f - 0.5f * Height) / FocalPixels, 1f);
        return Depth[At(x, y)] * Vector3.Normalize(lift);
    }

    /// <summary>
    /// Unit surface normal facing the camera from the depth gradient: along each axis a blend of the one-sided
    /// differences to the hit neighbours (<see cref="StyleFormulas.BlendSteps"/>), so a silhouette's far side never
    /// tilts the normal; facing the camera (0, 0, −1) where nothing was hit. <paramref name="points"/> holds
    /// <see cref="Point"/> of every pixel (index y · width + x; read only where hit), computed once per pixel rather
    /// than once for each of the five pixels whose normals read it.
    /// </summary>
    public Vector3 Normal(int x, int y, ReadOnlySpan<Vector3> points)
    {
        if (!Hit(At(x, y)))
        {
            return StyleFormulas.Facing;
        }
        var p = points[y * Width + x];
        float footprint = Depth[At(x, y)] / FocalPixels;
        var dx = Step(p, x - 1, y, x + 1, y, Vector3.UnitX, footprint, points);
        var dy = Step(p, x, y - 1, x, y + 1, Vector3.UnitY, footprint, points);
        return StyleFormulas.NormalFrom(dx, dy);
    }

    /// <summary>p's step toward the "after" neighbour from after − p and p − before, where those neighbours were hit.</summary>
    private Vector3 Step(Vector3 p, int bx, int by, int ax, int ay, Vector3 fallback, float footprint, ReadOnlySpan<Vector3> points)
    {
        bool before = bx >= 0 && by >= 0 && Hit(At(bx, by));
        bool after = ax < Width && ay < Height && Hit(At(ax, ay));
        var back = before ? p - points[by * Width + bx] : fallback;
        var ahead = after ? points[ay * Width + ax] - p : fallback;
        if (before && after)
        {
            return StyleFormulas.BlendSteps(ahead, back, footprint);
        }
        return after ? ahead : back;
    }
}
