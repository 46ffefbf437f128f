using System.Numerics;
using PortraitStream.Renderer.Camera;

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
/// ray) times its unit ray direction. Three passes, parallel over rows: (A) straight colour, luminance and camera-space
/// point per pixel into scratch; (N) the normal per pixel from those points; (B) each style from a pixel and its four
/// neighbours, written back into the target's RGBA. Every per-pixel reading is computed once and read by its
/// neighbours (a normal reads five points, a sketch pixel five luminances), not recomputed per reader.
/// </summary>
internal sealed class StyleShading
{
    private Vector4[] _straight = []; // straight (un-premultiplied) colour, opacity in w
    private Vector3[] _normals = [];
    private Vector3[] _points = []; // camera-space point per pixel (PictureFrame.Point), read where hit
    private float[] _luminance = []; // of the straight colour, 0 where transparent

    /// <summary>
    /// Restyles the picture <paramref name="camera"/> rendered at column <paramref name="left"/> of
    /// <paramref name="target"/> (the whole target in mono, one eye's half in stereo) in place, from its RGBA and
    /// <paramref name="depth"/> (one float per target pixel). Each stereo eye is styled from its own camera, depth and
    /// normals, and never reads across into the other eye's half.
    /// </summary>
    public void Apply(RenderStyle style, RenderTarget target, float[] depth, in PinholeCamera camera, int left, ParallelOptions parallel)
    {
        if (style == RenderStyle.None)
        {
            return;
        }
        var frame = PictureFrame.For(target, depth, camera, left);
        int pixels = frame.Width * frame.Height;
        if (_straight.Length < pixels)
        {
            (_straight, _normals, _points, _luminance) = (new Vector4[pixels], new Vector3[pixels], new Vector3[pixels], new float[pixels]);
        }
        var (straight, normals, points, luminance) = (_straight, _normals, _points, _luminance);
        Parallel.For(0, frame.Height, parallel, y =>
        {
            for (int x = 0; x < frame.Width; x++)
            {
                int i = y * frame.Width + x;
                var s = straight[i] = frame.Straight(frame.At(x, y));
                luminance[i] = StyleFormulas.Luminance(new Vector3(s.X, s.Y, s.Z));
                points[i] = frame.Point(x, y);
            }
        });
        Parallel.For(0, frame.Height, parallel, y =>
        {
            for (int x = 0; x < frame.Width; x++)
            {
                normals[y * frame.Width + x] = frame.Normal(x, y, points);
            }
        });
        Parallel.For(0, frame.Height, parallel, y =>
        {
            for (int x = 0; x < frame.Width; x++)
            {
                var styled = Shade(style, frame, straight, luminance, normals, x, y);
                int pixel = frame.At(x, y);
                target.Write(pixel, styled.X, styled.Y, styled.Z, styled.W, depth[pixel]);
            }
        });
    }

    /// <summary>Pixel (x, y) styled: premultiplied colour in xyz, opacity in w. The scratch arrays are the picture's
    /// (index y · width + x), the frame's depth and hits the target's.</summary>
    private static Vector4 Shade(RenderStyle style, in PictureFrame frame, Vector4[] straight, float[] luminance, Vector3[] normals, int x, int y)
    {
        int i = y * frame.Width + x;
        var centre = straight[i];
        var colour = new Vector3(centre.X, centre.Y, centre.Z);
        float alpha = centre.W;
        var normal = normals[i];
        int pixel = frame.At(x, y);
        bool hit = frame.Hit(pixel);
        // The four neighbours left, right, up, down, clamped to the picture: a neighbour off its edge is the pixel itself.
        int xl = Math.Max(x - 1, 0), xr = Math.Min(x + 1, frame.Width - 1), yu = Math.Max(y - 1, 0), yd = Math.Min(y + 1, frame.Height - 1);
        switch (style)
        {
            case RenderStyle.Toon:
                return StyleFormulas.Toon(colour, alpha, normal);
            case RenderStyle.Hologram:
                return StyleFormulas.Hologram(colour, alpha, normal, y);
            case RenderStyle.Outline:
            {
                Span<int> aroundX = [xl, xr, x, x];
                Span<int> aroundY = [y, y, yu, yd];
                float alphaJump = 0f, depthJump = 0f, crease = 0f;
                for (int n = 0; n < 4; n++)
                {
                    int k = aroundY[n] * frame.Width + aroundX[n];
                    alphaJump = MathF.Max(alphaJump, MathF.Abs(straight[k].W - alpha));
                    int neighbour = frame.At(aroundX[n], aroundY[n]);
                    if (hit && frame.Hit(neighbour))
                    {
                        depthJump = MathF.Max(depthJump, MathF.Abs(frame.Depth[neighbour] - frame.Depth[pixel]));
                        crease = MathF.Max(crease, 1f - Vector3.Dot(normal, normals[k]));
                    }
                }
                float footprints = hit ? depthJump * frame.FocalPixels / frame.Depth[pixel] : 0f;
                return StyleFormulas.Over(StyleFormulas.Ink, StyleFormulas.OutlineLine(alphaJump, footprints, crease), alpha * colour, alpha);
            }
            case RenderStyle.Sketch:
            {
                int row = y * frame.Width;
                var (left, right, up, down) = (row + xl, row + xr, yu * frame.Width + x, yd * frame.Width + x);
                float alphaJump = MathF.Max(
                    MathF.Max(MathF.Abs(straight[left].W - alpha), MathF.Abs(straight[right].W - alpha)),
                    MathF.Max(MathF.Abs(straight[up].W - alpha), MathF.Abs(straight[down].W - alpha)));
                float lum = luminance[i];
                return StyleFormulas.Sketch(colour, alpha, normal, lum, SketchLuminance(straight, luminance, left, lum),
                    SketchLuminance(straight, luminance, right, lum), SketchLuminance(straight, luminance, up, lum),
                    SketchLuminance(straight, luminance, down, lum), StyleFormulas.SilhouetteLine(alphaJump), x, y);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(style), style, "not a render style");
        }
    }

    /// <summary>Sketch neighbour <paramref name="k"/>'s luminance; the centre's own where the neighbour is transparent (no stroke from nothing).</summary>
    private static float SketchLuminance(Vector4[] straight, float[] luminance, int k, float centre) =>
        straight[k].W > 0f ? luminance[k] : centre;
}
