using System.Numerics;

namespace PortraitStream.Renderer.Styles;

/// <summary>
/// Draws a finished render in a <see cref="RenderStyle"/>, on the CPU; Shaders/style.comp is the same arithmetic on the
/// GPU (keep the two in step: <see cref="StyleFormulas"/> holds every constant both use). A screen-space pass over
/// what every sampler leaves in the target — premultiplied colour, opacity and depth — so the reference and the live
/// sampler, CPU and Vulkan, all style alike, at a cost of a few dozen flops per pixel instead of more field queries.
/// Normals come from the depth buffer's gradient, not the density gradient: the live sampler resolves most pixels by
/// one deferred query at an interpolated depth and has no density gradient there, and a density gradient would cost
/// three to six more decoder queries per pixel (several times the ≤ 10 % budget).
/// Camera space (EG3D/OpenCV): x right, y down, z forward; a pixel's point is its depth (world units along the unit
/// ray) times its unit ray direction. Two passes, parallel over rows: (A) straight colour and normal per pixel into
/// scratch; (B) each style from a pixel and its four neighbours, written back into the target's RGBA.
/// </summary>
internal sealed class StyleShading
{
    private Vector4[] _straight = []; // straight (un-premultiplied) colour, opacity in w
    private Vector3[] _normals = [];

    /// <summary>Restyles <paramref name="target"/>'s RGBA in place from it and <paramref name="depth"/> (one float per pixel).</summary>
    public void Apply(RenderStyle style, RenderTarget target, float[] depth, float focalPixels, ParallelOptions parallel)
    {
        if (style == RenderStyle.None)
        {
            return;
        }
        int pixels = target.Width * target.Height;
        if (_straight.Length < pixels)
        {
            (_straight, _normals) = (new Vector4[pixels], new Vector3[pixels]);
        }
        var frame = new StyleFrame(target.Width, target.Height, focalPixels, target.Rgba, depth);
        var (straight, normals) = (_straight, _normals);
        Parallel.For(0, target.Height, parallel, y =>
        {
            for (int x = 0; x < frame.Width; x++)
            {
                int i = y * frame.Width + x;
                straight[i] = frame.Straight(i);
                normals[i] = frame.Normal(x, y);
            }
        });
        Parallel.For(0, target.Height, parallel, y =>
        {
            for (int x = 0; x < frame.Width; x++)
            {
                var styled = Shade(style, frame, straight, normals, x, y);
                target.Write(y * frame.Width + x, styled.X, styled.Y, styled.Z, styled.W, depth[y * frame.Width + x]);
            }
        });
    }

    /// <summary>Pixel (x, y) styled: premultiplied colour in xyz, opacity in w.</summary>
    private static Vector4 Shade(RenderStyle style, in StyleFrame frame, Vector4[] straight, Vector3[] normals, int x, int y)
    {
        int i = y * frame.Width + x;
        var centre = straight[i];
        var colour = new Vector3(centre.X, centre.Y, centre.Z);
        float alpha = centre.W;
        var normal = normals[i];
        bool hit = frame.Hit(i);
        Span<int> around = [frame.Index(x - 1, y), frame.Index(x + 1, y), frame.Index(x, y - 1), frame.Index(x, y + 1)];
        switch (style)
        {
            case RenderStyle.Toon:
                return StyleFormulas.Toon(colour, alpha, normal);
            case RenderStyle.Hologram:
                return StyleFormulas.Hologram(colour, alpha, normal, y);
            case RenderStyle.Outline:
            {
                float line = 0f;
                foreach (int k in around)
                {
                    line = MathF.Max(line, StyleFormulas.SilhouetteLine(alpha, straight[k].W));
                    if (hit && frame.Hit(k))
                    {
                        line = MathF.Max(line, StyleFormulas.SurfaceLine(frame.Depth[i], frame.Depth[k], normal, normals[k], frame.FocalPixels));
                    }
                }
                return StyleFormulas.Over(StyleFormulas.Ink, line, alpha * colour, alpha);
            }
            case RenderStyle.Sketch:
            {
                float lum = StyleFormulas.Luminance(colour);
                float silhouette = 0f;
                Span<float> lums = stackalloc float[4];
                for (int n = 0; n < 4; n++)
                {
                    var k = straight[around[n]];
                    silhouette = MathF.Max(silhouette, StyleFormulas.SilhouetteLine(alpha, k.W));
                    lums[n] = k.W > 0f ? StyleFormulas.Luminance(new Vector3(k.X, k.Y, k.Z)) : lum;
                }
                return StyleFormulas.Sketch(colour, alpha, normal, lums[0], lums[1], lums[2], lums[3], silhouette, x, y);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(style), style, "not a render style");
        }
    }
}
