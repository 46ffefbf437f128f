using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// What a face crop shows where it reaches past the camera picture's edge. A face near the camera, or near the
/// picture's edge, has its crop (2.2 face sizes) cut partly from outside the picture, where the warp repeats the edge
/// pixels: each column of hair cut by the top edge became a streak running to the crop's top, the matte called that
/// column the person, and the relief built a tall slab of streaked hair out of it. Here the colour outside is a smooth
/// push-pull fill of the picture's pixels near it (<see cref="PushPullFill"/>: no streaks, the colours of what is near;
/// once the matte is known, of the person's pixels under it and the room's elsewhere),
/// and the matte outside continues the matte at the edge — the body goes on below the picture, as bodies do — but
/// above and beside it only under a rounded cap (<see cref="EdgeCaps"/>): a head cut by the top edge ends in a dome a
/// little past it, as heads do, rather than going on to the crop's edge.
/// </summary>
public static class OutsideTheFrame
{
    /// <summary>
    /// The tallest cap past the top or side edges, in crop sides (0.12: about a quarter of a face size, what a head cut
    /// at the hairline has left above the cut).
    /// </summary>
    public const float FadeLength = 0.12f;

    /// <summary>
    /// Whether the crop <paramref name="cropToImage"/> cuts (<paramref name="size"/>² pixels) reaches outside a
    /// <paramref name="width"/> × <paramref name="height"/> picture at any pixel centre.
    /// </summary>
    public static bool Reaches(AffineTransform2D cropToImage, int size, int width, int height)
    {
        foreach (var (u, v) in new[] { (0.5f, 0.5f), (size - 0.5f, 0.5f), (0.5f, size - 0.5f), (size - 0.5f, size - 0.5f) })
        {
            var (x, y) = cropToImage.Apply(u, v);
            if (!Inside(x, y, width, height))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Replaces <paramref name="crop"/>'s pixels that lie outside the <paramref name="width"/> × <paramref name="height"/>
    /// picture with a smooth fill from those inside; a crop wholly inside is left as it is.
    /// </summary>
    public static void FillCrop(RgbImage crop, AffineTransform2D cropToImage, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(crop);
        if (Reaches(cropToImage, crop.Width, width, height))
        {
            PushPullFill.Fill(crop, InsideMask(crop, cropToImage, width, height), crop);
        }
    }

    /// <summary>
    /// Once the matte is known (<see cref="ContinueMatte"/>), the pixels outside the picture filled again with the
    /// person's colours where the matte says person and the room's elsewhere, each a push-pull fill of the picture's
    /// own person or room pixels: a head's cap in its hair's colour, not a wash of hair and wall. Fills from the
    /// picture's pixels alone, so filling twice gives the same crop.
    /// </summary>
    public static void FillByMatte(RgbImage crop, ReadOnlySpan<float> matte, AffineTransform2D cropToImage, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(crop);
        if (!Reaches(cropToImage, crop.Width, width, height))
        {
            return;
        }
        var inside = InsideMask(crop, cropToImage, width, height);
        var (personWeight, roomWeight) = (new float[inside.Length], new float[inside.Length]);
        for (var i = 0; i < inside.Length; i++)
        {
            var m = Math.Clamp(matte[i], 0f, 1f);
            (personWeight[i], roomWeight[i]) = (inside[i] * m, inside[i] * (1f - m));
        }
        var person = PushPullFill.Fill(crop, personWeight);
        var room = PushPullFill.Fill(crop, roomWeight);
        for (var i = 0; i < inside.Length; i++)
        {
            if (inside[i] > 0f)
            {
                continue;
            }
            var m = Math.Clamp(matte[i], 0f, 1f);
            for (var c = 3 * i; c < 3 * i + 3; c++)
            {
                crop.Pixels[c] = (byte)MathF.Round(m * person.Pixels[c] + (1f - m) * room.Pixels[c]);
            }
        }
    }

    /// <summary>
    /// <paramref name="matte"/> (one value per pixel of a <paramref name="size"/>² crop) with its values outside the
    /// picture replaced: the matte where the picture's edge nearest them crosses the crop, carried on past the bottom
    /// edge as it is, and past the top and side edges only under a rounded cap over each stretch of person the edge
    /// cuts (<see cref="EdgeCaps"/>). Returns <paramref name="matte"/> itself, changed in place.
    /// </summary>
    public static float[] ContinueMatte(float[] matte, int size, AffineTransform2D cropToImage, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(matte);
        if (matte.Length != size * size)
        {
            throw new ArgumentException($"matte has {matte.Length} values, a {size}² crop needs {size * size}", nameof(matte));
        }
        if (!Reaches(cropToImage, size, width, height))
        {
            return matte;
        }
        var imageToCrop = cropToImage.Inverse();
        var source = (float[])matte.Clone();
        float EdgeMatte(float x, float y)
        {
            var (u, v) = imageToCrop.Apply(x, y);
            return source[Index(v, size) * size + Index(u, size)];
        }
        var longest = FadeLength * size * cropToImage.Scale;
        var soft = cropToImage.Scale;
        var top = EdgeCaps.Along(width, longest, x => EdgeMatte(x, 0.5f));
        var left = EdgeCaps.Along(height, longest, y => EdgeMatte(0.5f, y));
        var right = EdgeCaps.Along(height, longest, y => EdgeMatte(width - 0.5f, y));
        for (var v = 0; v < size; v++)
        {
            for (var u = 0; u < size; u++)
            {
                var (x, y) = cropToImage.Apply(u + 0.5f, v + 0.5f);
                if (Inside(x, y, width, height))
                {
                    continue;
                }
                // The nearest point of the picture: its matte carries on outward, under the caps of the edges passed.
                var (cx, cy) = (Math.Clamp(x, 0.5f, width - 0.5f), Math.Clamp(y, 0.5f, height - 0.5f));
                var weight = (y < 0 ? top.Under(cx, -y, soft) : 1f)
                    * (x < 0 ? left.Under(cy, -x, soft) : 1f)
                    * (x >= width ? right.Under(cy, x - width, soft) : 1f);
                matte[v * size + u] = EdgeMatte(cx, cy) * weight;
            }
        }
        return matte;
    }

    /// <summary>1 for each crop pixel whose centre lies inside the picture, 0 outside.</summary>
    private static float[] InsideMask(RgbImage crop, AffineTransform2D cropToImage, int width, int height)
    {
        var inside = new float[crop.Width * crop.Height];
        for (var v = 0; v < crop.Height; v++)
        {
            for (var u = 0; u < crop.Width; u++)
            {
                var (x, y) = cropToImage.Apply(u + 0.5f, v + 0.5f);
                inside[v * crop.Width + u] = Inside(x, y, width, height) ? 1f : 0f;
            }
        }
        return inside;
    }

    private static bool Inside(float x, float y, int width, int height) => x >= 0 && y >= 0 && x < width && y < height;

    private static int Index(float coordinate, int size) => Math.Clamp((int)MathF.Floor(coordinate), 0, size - 1);
}
