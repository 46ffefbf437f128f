using System.Numerics;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>Test scenes: the portrait scaled, rotated and moved onto a grey canvas, with the map that placed it.</summary>
internal static class Canvas
{
    /// <summary>
    /// The portrait drawn onto a <paramref name="width"/>×<paramref name="height"/> grey canvas, scaled by
    /// <paramref name="scale"/>, rotated by <paramref name="degrees"/> (clockwise, y down) about its centre, with its
    /// centre at (<paramref name="cx"/>, <paramref name="cy"/>). Returns the canvas and the portrait→canvas map.
    /// </summary>
    public static (RgbImage Image, Func<Vector2, Vector2> PortraitToCanvas) Place(
        RgbImage portrait, int width, int height, float scale, float degrees, float cx, float cy)
    {
        var angle = degrees * MathF.PI / 180f;
        var (sin, cos) = MathF.SinCos(angle);
        var half = new Vector2(portrait.Width, portrait.Height) / 2;
        Vector2 ToCanvas(Vector2 p)
        {
            var d = (p - half) * scale;
            return new Vector2(cx + cos * d.X - sin * d.Y, cy + sin * d.X + cos * d.Y);
        }

        // canvas → portrait is the inverse: un-translate, un-rotate, un-scale.
        var inverse = new AffineTransform2D(cos / scale, sin / scale, -sin / scale, cos / scale, 0, 0);
        var (tx, ty) = inverse.Apply(-cx, -cy);
        var canvasToPortrait = inverse with { Tx = tx + half.X, Ty = ty + half.Y };
        var canvas = new RgbImage(width, height);
        ImageWarp.Warp(portrait, canvas, canvasToPortrait);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (px, py) = canvasToPortrait.Apply(x + 0.5f, y + 0.5f);
                if (px < 0 || py < 0 || px >= portrait.Width || py >= portrait.Height)
                {
                    canvas.Pixel(x, y).Fill(128);
                }
            }
        }
        return (canvas, ToCanvas);
    }
}
