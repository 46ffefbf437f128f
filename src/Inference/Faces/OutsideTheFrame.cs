using System.Buffers;
using System.Numerics;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// What a face crop shows where it reaches past the camera picture's edge. A face near the camera, or near the
/// picture's edge, has its crop (2.2 face sizes) cut partly from outside the picture, where the warp repeats the edge
/// pixels: each column of hair cut by the top edge became a streak running to the crop's top. Where the matte called
/// the streaks the person, the relief built a tall slab of streaked hair out of them; where it called them room, the
/// kept background showed them. Here the colour outside is a smooth push-pull fill of the picture's pixels near it
/// (<see cref="PushPullFill"/>: no streaks, the colours of what is near), and the matte outside continues the matte at
/// the edge — the body goes on below the picture, as bodies do — but above and beside it only under a rounded cap
/// (<see cref="EdgeCaps"/>), in the person's own colour and texture at that edge (<see cref="EdgeColours"/>,
/// <see cref="FillByMatte"/>): a head cut by the top edge ends in a dome of its own hair past it, as heads do, rather than
/// going on to the crop's edge.
/// </summary>
public static class OutsideTheFrame
{
    /// <summary>
    /// The tallest cap past the top or side edges, in crop sides (0.2: about 0.45 of a face size). The committed portrait
    /// cut at its fringe, as a webcam close to the face cuts it, has 0.25 of hair above the cut; 0.12 drew a flat bowl
    /// there. A cut that only grazes the crown gets a lower arc (<see cref="EdgeCaps"/>).
    /// </summary>
    public const float LongestCap = 0.2f;

    /// <summary>
    /// How far inside the picture a cap reads the slope of the person's outline it continues, in crop sides (8 pixels at
    /// 256²): a few hairs' width, so a frizzy edge does not set it, near enough that it is the outline at the cut.
    /// </summary>
    private const float OutlineDepth = 1f / 32;

    /// <summary>How far along an edge the person's colour is averaged either way, in crop sides (8 pixels at 256²).</summary>
    private const float ColourReach = 1f / 32;

    /// <summary>
    /// How deep a band just inside an edge the texture under a cap is folded from, in crop sides (6.4 pixels at 256²):
    /// the hair the edge cuts, not what lies under it (a cut through a fringe has the forehead a few pixels further in,
    /// whose plain mirror image drew a band of skin across the cap).
    /// </summary>
    private const float TextureBand = 1f / 40;

    /// <summary>
    /// How far past the edge the folded texture fades out into the edge's plain colour, in crop sides (three quarters of
    /// the tallest cap): the same band repeated all the way to the cap's top read as rows of tiles (0.24 looked it).
    /// </summary>
    private const float TextureFade = 0.15f;

    /// <summary>
    /// How far (RGB levels) a pixel of that band may be from the edge's mean colour and still lend the cap its texture
    /// (a Gaussian weight, e⁻¹ at this distance): hair's strands vary about it, but a cut just above the brows has them
    /// in the band, and folded outward they drew rows of eyebrows across the cap.
    /// </summary>
    private const float TextureLikeness = 40f;

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
        if (!Reaches(cropToImage, crop.Width, width, height))
        {
            return;
        }
        var pixels = crop.Width * crop.Height;
        var inside = ArrayPool<float>.Shared.Rent(pixels);
        try
        {
            for (var v = 0; v < crop.Height; v++)
            {
                for (var u = 0; u < crop.Width; u++)
                {
                    var (x, y) = cropToImage.Apply(u + 0.5f, v + 0.5f);
                    inside[v * crop.Width + u] = Inside(x, y, width, height) ? 1f : 0f;
                }
            }
            PushPullFill.Fill(crop, inside.AsSpan(0, pixels), crop);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(inside);
        }
    }

    /// <summary>
    /// Once the matte is known (<see cref="ContinueMatte"/>), the pixels outside the picture that it calls the person
    /// take the person's colour at the edge they lie past (<see cref="EdgeColours"/>: the matte-weighted mean of the
    /// person's pixels just inside it, averaged along it), over <see cref="FillCrop"/>'s fill as the matte says: a
    /// head's cap in its hair's colour, not a wash of hair and wall. Over that colour goes the texture of the band just
    /// inside the edge (<see cref="TextureBand"/>), folded outward as a mirror folds it, fading to the plain colour over
    /// <see cref="TextureFade"/>, from the band's pixels near that colour (<see cref="TextureLikeness"/>): in one flat
    /// colour the cap over a head the frame cuts read as a satin hat in every view (the committed portrait cut at the
    /// fringe, as a webcam close to the face cuts it). Once per crop: it blends over the crop's own fill.
    /// </summary>
    public static void FillByMatte(RgbImage crop, float[] matte, AffineTransform2D cropToImage, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(crop);
        ArgumentNullException.ThrowIfNull(matte);
        var size = crop.Width;
        CheckLength(matte, size);
        if (!Reaches(cropToImage, size, width, height))
        {
            return;
        }
        var imageToCrop = cropToImage.Inverse();
        (Vector3, float) JustInside(float x, float y)
        {
            var (u, v) = imageToCrop.Apply(x, y);
            if (u < 0 || v < 0 || u >= size || v >= crop.Height)
            {
                return (Vector3.Zero, 0f);
            }
            var (i, j) = (Index(u, size), Index(v, crop.Height));
            var p = crop.Pixel(i, j);
            return (new Vector3(p[0], p[1], p[2]), Math.Clamp(matte[j * size + i], 0f, 1f));
        }
        // Two pixels in from the edge: the edge row itself is half repeated by the warp's bilinear taps.
        const float In = 2.5f;
        var reach = Math.Max(2, (int)(ColourReach * size * cropToImage.Scale));
        var (band, fade) = (MathF.Max(1f, TextureBand * size * cropToImage.Scale), TextureFade * size * cropToImage.Scale);
        var top = EdgeColours.Along(width, reach, t => JustInside(t + 0.5f, In));
        var bottom = EdgeColours.Along(width, reach, t => JustInside(t + 0.5f, height - In));
        var left = EdgeColours.Along(height, reach, t => JustInside(In, t + 0.5f));
        var right = EdgeColours.Along(height, reach, t => JustInside(width - In, t + 0.5f));
        for (var v = 0; v < crop.Height; v++)
        {
            for (var u = 0; u < size; u++)
            {
                var m = Math.Clamp(matte[v * size + u], 0f, 1f);
                var (x, y) = cropToImage.Apply(u + 0.5f, v + 0.5f);
                if (m <= 0f || Inside(x, y, width, height))
                {
                    continue;
                }
                var person = y < 0 ? top.At(x) : y >= height ? bottom.At(x) : x < 0 ? left.At(y) : right.At(y);
                if (person is not { } colour)
                {
                    continue;
                }
                var past = MathF.Max(MathF.Max(-x, x - width), MathF.Max(-y, y - height));
                var (inside, matteThere) = JustInside(Folded(x, width, band), Folded(y, height, band));
                var unlike = Vector3.Distance(inside, colour) / TextureLikeness;
                var texture = matteThere * MathF.Max(0f, 1f - past / fade) * MathF.Exp(-unlike * unlike);
                colour = texture * inside + (1f - texture) * colour;
                var pixel = crop.Pixel(u, v);
                for (var c = 0; c < 3; c++)
                {
                    pixel[c] = (byte)MathF.Round(m * colour[c] + (1f - m) * pixel[c]);
                }
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
        CheckLength(matte, size);
        if (!Reaches(cropToImage, size, width, height))
        {
            return matte;
        }
        var imageToCrop = cropToImage.Inverse();
        // Read from a copy: the nearest picture point of a pixel past a corner can fall on a crop pixel already changed.
        var source = ArrayPool<float>.Shared.Rent(matte.Length);
        matte.CopyTo(source, 0);
        float EdgeMatte(float x, float y)
        {
            var (u, v) = imageToCrop.Apply(x, y);
            return source[Index(v, size) * size + Index(u, size)];
        }
        try
        {
            var longest = LongestCap * size * cropToImage.Scale;
            var soft = cropToImage.Scale;
            var depth = OutlineDepth * size * cropToImage.Scale;
            // How far past the edge, at a point along it, the crop still reaches (less the outline's ramp either side);
            // no limit where the crop does not reach past the edge there at all (a stretch runs on along the edge
            // beside the crop, as the crop's edge pixels read there).
            float Room(float x, float y, float dx, float dy)
            {
                var past = 0f;
                while (past < longest && InCrop(imageToCrop.Apply(x + dx * (past + 1f), y + dy * (past + 1f)), size))
                {
                    past += 1f;
                }
                return past == 0f ? float.PositiveInfinity : past - 2f * soft;
            }
            var top = EdgeCaps.Along(width, longest, x => EdgeMatte(x, 0.5f), depth, x => EdgeMatte(x, 0.5f + depth), x => Room(x, 0f, 0f, -1f));
            var left = EdgeCaps.Along(height, longest, y => EdgeMatte(0.5f, y), depth, y => EdgeMatte(0.5f + depth, y), y => Room(0f, y, -1f, 0f));
            var right = EdgeCaps.Along(height, longest, y => EdgeMatte(width - 0.5f, y), depth, y => EdgeMatte(width - 0.5f - depth, y), y => Room(width, y, 1f, 0f));
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
                    // Under a cap the cap is the person, across the narrow gaps between strands its stretch bridges too.
                    matte[v * size + u] = y < 0 || x < 0 || x >= width ? weight : EdgeMatte(cx, cy);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(source);
        }
        return matte;
    }

    private static void CheckLength(float[] matte, int size)
    {
        if (matte.Length != size * size)
        {
            throw new ArgumentException($"matte has {matte.Length} values, a {size}² crop needs {size * size}", nameof(matte));
        }
    }

    private static bool Inside(float x, float y, int width, int height) => x >= 0 && y >= 0 && x < width && y < height;

    private static bool InCrop((float U, float V) point, int size) => point.U >= 0 && point.V >= 0 && point.U < size && point.V < size;

    /// <summary>
    /// Coordinate <paramref name="c"/> (of a picture <paramref name="length"/> pixels along it) folded into the
    /// <paramref name="band"/> pixels inside the edge it lies past, back and forth as facing mirrors fold it; a coordinate
    /// inside the picture is returned as it is.
    /// </summary>
    private static float Folded(float c, int length, float band)
    {
        if (c >= 0 && c < length)
        {
            return c;
        }
        var m = (c < 0 ? -c : c - length) % (2 * band);
        var depth = m < band ? m : 2 * band - m;
        return c < 0 ? depth : length - depth;
    }

    /// <summary>The whole pixel <paramref name="coordinate"/> lies in, clamped to [0, <paramref name="size"/>).</summary>
    internal static int Index(float coordinate, int size) => Math.Clamp((int)MathF.Floor(coordinate), 0, size - 1);
}
