using System.Buffers;
using System.Numerics;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// The picture on the far layer, made once per analysed frame from the encoder's crop (S × S) and its person matte:
/// <list type="number">
/// <item>the person's hole filled from the pixels the matte calls background, so a turned view shows background behind
/// the person rather than a second, flat copy of them: for keep the room's texture continued into it
/// (<see cref="MirrorFill"/>), for blur a smooth push-pull fill (<see cref="PushPullFill"/>);</item>
/// <item>what lies beyond the crop: with the camera picture around it (<see cref="FarLayerSurround"/>), that picture
/// over three crop widths (S at either side) at a third of the crop's resolution, its person hole filled the same way —
/// the whole picture's matte beyond the crop where one ran, else the crop matte's edge continued, so a torso cut by the
/// crop's bottom is not copied onto the wall — and the room beyond the picture's own edge filled from it; without one,
/// a strong blur of the filled crop (σ ≈ 18 crop pixels at 256², made at a quarter of the size) continued by edge
/// clamping, which gives smooth gradients where clamping the sharp crop would smear its edge pixels into streaks. <see cref="BackgroundMode.Blur"/>'s whole picture is
/// that picture (or the crop) blurred to the same strength;</item>
/// <item>for keep, the filled crop with a margin of S / 16 pixels on every side fading from the crop's edge pixels to
/// what lies beyond, which takes over outside it. A turned view sees far past the crop (at 30° of yaw the image centre
/// looks at the plane ≈ 0.44 world units aside, the crop is ≈ 0.75 wide there). The relief encoders'
/// <c>ExtendedCrop</c> continues its crop the same way (relief v2 over S / 64: its body below the crop, which a view
/// from above sees, streaked over S / 16).</item>
/// <item>for keep, also the crop as it is (<see cref="SampleNearInput"/>): what the input camera saw along every ray,
/// whatever the depth, so a view that sees a point from where the input camera stood shows it as it was — beside the
/// person (hair wisps, a collar the matte half misses, the room) and wherever the render's silhouette leaves a gap
/// inside the matte's edge.</item>
/// </list>
/// </summary>
internal sealed class FarLayerTexture
{
    /// <summary>Matte values at or above this are the person: their colour must not reach the layer at all.</summary>
    private const float PersonMatte = 0.5f;

    /// <summary>Matte values at or below this are trusted background (confidence 1); in between confidence ramps down.</summary>
    private const float BackgroundMatte = 0.1f;

    /// <summary>
    /// The hole is widened by S / 64 pixels (4 at 256²): a matte's edge runs a few pixels inside hair and shoulders
    /// (on the committed portrait it leaves part of the suit's dark collar ring out), whose fringe colours would
    /// otherwise smudge the filled hole; 2 pixels left visible dark streaks there.
    /// </summary>
    private const int HoleGrowthDivisor = 64;

    /// <summary>
    /// After the hole grows, confident room narrower than 2 · this + 1 pixels is taken into it (an opening: the zeros
    /// grown by one more pixel, then the rest given back by one). A speck of room the matte was sure of amid the
    /// person or the unknown past the picture (beside s5_09's head, by the stairs' railing) was a source of one pixel:
    /// the mirror fill reflected it along its row and column, where it outweighed every farther edge, and drew a sharp
    /// four-pointed star of its colour in the room beside the head (s5_09 at +15°).
    /// </summary>
    private const int SpeckRadius = 1;

    /// <summary>Margin beyond the crop (S / 16), as the relief encoder's extended crop.</summary>
    private const int MarginDivisor = 16;

    /// <summary>The blur is made at 1 / 4 of the crop's size ...</summary>
    private const int BlurShrink = 4;

    /// <summary>... with three box passes of radius S / 64 there (4 at 256²: σ ≈ 4.5 there, ≈ 18 crop pixels).</summary>
    private const int BlurRadiusDivisor = 64;

    /// <summary>
    /// The surround covers S beyond the crop on every side (three crop widths): at 30° of yaw the edge of a turned
    /// view looks at the plane about 1.2 crop widths from the crop's centre, just inside it.
    /// </summary>
    private const int SurroundReach = 1;

    /// <summary>
    /// Crop pixels per surround pixel (a 256² picture for a 256² crop): the room behind a turned view is far and out of
    /// focus anyway; 2 looked a little sharper for 1.2× the build time (BackgroundBenchmarks).
    /// </summary>
    private const int SurroundShrink = 3;

    /// <summary>A picture and where crop point (u, v) lies in it: (u·Scale + Offset, v·Scale + Offset).</summary>
    private readonly record struct Placed(RgbImage Image, float Scale, float Offset)
    {
        public Vector3 Sample(float u, float v) => BilinearSample.At(Image, u * Scale + Offset, v * Scale + Offset);
    }

    /// <summary>
    /// Parallax (crop pixels) at which a view stops seeing the input's own pixels in the grown hole: beyond a pixel,
    /// a fringe that stands at the person's depth and a wall behind it no longer line up in the view.
    /// </summary>
    private const float InputParallax = 1f;

    /// <summary>Keep's sharp crop with its margin (null for blur), and what lies beyond it (blur's whole picture).</summary>
    private readonly Placed? _near;

    /// <summary>Keep's crop as the input camera saw it (null for blur, or without a matte, when the filled crop is the crop).</summary>
    private RgbImage? Input { get; init; }
    private readonly Placed _far;
    private readonly int _margin, _side;

    /// <summary>The filled crop and the surround (as cut, and filled) keep's texture was made of (null otherwise), kept to be reused by the next build.</summary>
    private readonly RgbImage? _filled;
    private readonly (RgbImage Cut, RgbImage Filled)? _surround;

    private FarLayerTexture(Placed? near, Placed far, int margin, int side, RgbImage? filled = null, (RgbImage, RgbImage)? surround = null) =>
        (_near, _far, _margin, _side, _filled, _surround) = (near, far, margin, side, filled, surround);

    /// <summary>The filled crop and the filled surround this texture was made of (null where there is none).</summary>
    internal (RgbImage? Crop, RgbImage? Surround) Filled => (_filled, _surround?.Filled);

    /// <summary>The texture's mean colour (0…255): what rays that miss the plane see.</summary>
    public Vector3 Mean { get; private init; }

    /// <summary>The colour (0…255) at crop point (<paramref name="u"/>, <paramref name="v"/>), pixels from the crop's top-left corner; any point, however far outside.</summary>
    public Vector3 Sample(float u, float v) =>
        _near is { } near && u >= -_margin && v >= -_margin && u <= _side + _margin && v <= _side + _margin ? near.Sample(u, v) : _far.Sample(u, v);

    /// <summary>
    /// <see cref="Sample"/>, or, for a view that sees crop point (<paramref name="u"/>, <paramref name="v"/>) with less
    /// than <see cref="InputParallax"/> crop pixels of <paramref name="parallax"/> between the person's depth and the
    /// plane, the input's own pixel (the view from the input camera itself has none: there it reproduces the crop
    /// exactly wherever the render lets the layer through). The grown hole's fill is a guess at the room behind the
    /// person's edge, for views that look behind it (3D Photo Inpainting, Shih et al., CVPR 2020, keeps the input's
    /// pixels at a depth edge and shows the inpainted background only where a view uncovers it). Not only where the
    /// matte is below ½: the render's silhouette is the matte resampled through the model's grid, a pixel or two off
    /// its ½ contour, and the gaps it leaves inside that contour would show the fill — the room's colours, a bright
    /// line along the edge of a dark coat the matte half misses (issue #12, cameraman.png).
    /// </summary>
    public Vector3 SampleNearInput(float u, float v, float parallax)
    {
        var filled = Sample(u, v);
        var weight = 1f - parallax / InputParallax;
        if (Input is null || !(weight > 0f) || u < 0f || v < 0f || u > Input.Width || v > Input.Height)
        {
            return filled;
        }
        return filled + weight * (BilinearSample.At(Input, u, v) - filled);
    }

    /// <summary>
    /// The texture for <paramref name="crop"/>; <paramref name="matte"/>: person probability per crop pixel, or null
    /// when no matte ran (then nothing is known to be the person and the crop is taken as it is).
    /// <paramref name="recycle"/>: a texture that will not be sampled again, whose crop-sized pictures (a quarter of
    /// a megabyte each at 256², on the large-object heap) this one may take over, so a stream building one layer per
    /// frame allocates them once rather than once a frame. <paramref name="surround"/>: the camera picture around the
    /// crop (blur then blurs that picture: the room's own colours beyond the crop, not the crop's edge smeared).
    /// </summary>
    public static FarLayerTexture Build(RgbImage crop, float[]? matte, bool blurred, FarLayerTexture? recycle = null, FarLayerSurround? surround = null)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var side = Math.Max(crop.Width, crop.Height);
        var growth = Math.Max(1, side / HoleGrowthDivisor);
        var filled = crop;
        if (matte is not null)
        {
            filled = Reuse(recycle?._filled, crop.Width, crop.Height);
            FillHole(crop, matte, growth, blurred, filled);
        }
        (RgbImage Cut, RgbImage Filled)? surroundPictures = null;
        Placed far;
        if (surround is not null)
        {
            surroundPictures = Surround(crop, matte, surround, Math.Max(1, growth / SurroundShrink), blurred, recycle?._surround);
            var room = surroundPictures.Value.Filled;
            // Blur's strength in surround pixels: the same σ (≈ 18 crop pixels at 256²) as the quarter-size blur's.
            far = new Placed(blurred ? BoxBlur.Blur(room, Math.Max(1, side * BlurShrink / (BlurRadiusDivisor * SurroundShrink))) : room,
                1f / SurroundShrink, (float)SurroundReach * side / SurroundShrink);
        }
        else
        {
            // Block i of the shrunk image covers crop pixels [4i, 4i + 4): crop point u is blur point u / 4.
            far = new Placed(Blur(filled, Math.Max(1, side / BlurRadiusDivisor)), 1f / BlurShrink, 0f);
        }
        if (blurred)
        {
            return new FarLayerTexture(null, far, 0, side) { Mean = MeanColour(far.Image) };
        }
        var margin = Math.Max(1, side / MarginDivisor);
        var extended = Reuse(recycle?._near?.Image, crop.Width + 2 * margin, crop.Height + 2 * margin);
        Extend(filled, far, margin, extended);
        return new FarLayerTexture(new Placed(extended, 1f, margin), far, margin, side, ReferenceEquals(filled, crop) ? null : filled, surroundPictures)
        {
            Mean = MeanColour(extended),
            Input = matte is null ? null : crop,
        };
    }

    /// <summary>
    /// The camera picture over crop points [−reach·S, (1 + reach)·S]² at 1 / <see cref="SurroundShrink"/> of the
    /// crop's scale, the person's hole and everything beyond the picture's edge filled from the room around them. The
    /// person is <see cref="PersonAt"/>; the crop's own pixels are left to the sharp texture.
    /// </summary>
    private static (RgbImage Cut, RgbImage Filled) Surround(RgbImage crop, float[]? matte, FarLayerSurround surround, int growth,
        bool blurred, (RgbImage Cut, RgbImage Filled)? recycle)
    {
        var side = Math.Max(crop.Width, crop.Height);
        var size = (1 + 2 * SurroundReach) * side / SurroundShrink;
        float offset = SurroundReach * side;
        var toCrop = new AffineTransform2D(SurroundShrink, 0, 0, SurroundShrink, -offset, -offset);
        var toFrame = surround.CropToFrame.After(toCrop);
        var picture = Reuse(recycle?.Cut, size, size);
        surround.Resampler(surround.Frame, picture, toFrame);
        var person = ArrayPool<float>.Shared.Rent(size * size);
        try
        {
            for (var y = 0; y < size; y++)
            {
                for (var x = 0; x < size; x++)
                {
                    var (fx, fy) = toFrame.Apply(x + 0.5f, y + 0.5f);
                    var inFrame = fx >= 0 && fy >= 0 && fx < surround.Frame.Width && fy < surround.Frame.Height;
                    // Outside the picture nothing is known: treated as the person, a hole the room fills.
                    person[y * size + x] = !inFrame ? 1f : matte is null ? 0f : PersonAt(matte, crop, surround, toCrop.Apply(x + 0.5f, y + 0.5f), fx, fy);
                }
            }
            var filled = Reuse(recycle?.Filled, size, size);
            FillHole(picture, person.AsSpan(0, size * size), growth, blurred, filled);
            return (picture, filled);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(person);
        }
    }

    /// <summary>
    /// The person at crop point <paramref name="point"/> (frame point (<paramref name="fx"/>, <paramref name="fy"/>)):
    /// inside the crop its own matte, the one the encoder cut the person out with; beyond it the whole picture's matte
    /// where one ran, else the crop's nearest edge pixel. Continuing the edge guesses the body outside the crop as
    /// rectangles (a row or column of the edge's values, each corner's value over its whole quadrant), which the hole
    /// fill then draws as blocks of the wrong colours — on the committed portrait its flag below the shoulder was taken
    /// for the person — and leaves what the crop does not touch on the wall (the suit's sleeve, the helmet she holds).
    /// </summary>
    private static float PersonAt(float[] matte, RgbImage crop, FarLayerSurround surround, (float X, float Y) point, float fx, float fy)
    {
        var inCrop = point.X >= 0 && point.Y >= 0 && point.X < crop.Width && point.Y < crop.Height;
        if (!inCrop && surround.Matte is { } picture)
        {
            return picture.At(fx, fy, surround.Frame.Width, surround.Frame.Height);
        }
        var x = Math.Clamp((int)MathF.Floor(point.X), 0, crop.Width - 1);
        var y = Math.Clamp((int)MathF.Floor(point.Y), 0, crop.Height - 1);
        return matte[y * crop.Width + x];
    }

    /// <summary><paramref name="old"/> when it has the size asked for, else a new picture.</summary>
    private static RgbImage Reuse(RgbImage? old, int width, int height) =>
        old is not null && old.Width == width && old.Height == height ? old : new RgbImage(width, height);

    /// <summary>
    /// The hole filled with confidence 1 where the matte is sure of background, 0 on the person, a ramp between; the
    /// zeros grown by <paramref name="growth"/> pixels (a separable minimum filter) and specks of room taken in
    /// (<see cref="SpeckRadius"/>) first. Keep continues the room's texture into the hole (<see cref="MirrorFill"/>: a
    /// turned view looks straight at it); blur only needs its colours, which push-pull gives smoothly for less
    /// (<see cref="PushPullFill"/>) and the blur hides the rest.
    /// </summary>
    private static void FillHole(RgbImage crop, ReadOnlySpan<float> matte, int growth, bool blurred, RgbImage filled)
    {
        var (width, height) = (crop.Width, crop.Height);
        if (matte.Length != width * height)
        {
            throw new ArgumentException($"matte has {matte.Length} values, a {width}×{height} crop needs {width * height}", nameof(matte));
        }
        var confidence = ArrayPool<float>.Shared.Rent(matte.Length);
        var scratch = ArrayPool<float>.Shared.Rent(matte.Length);
        try
        {
            for (var i = 0; i < matte.Length; i++)
            {
                // A NaN from a broken matte is treated as the person: better a filled hole than a copy of the person.
                var m = float.IsNaN(matte[i]) ? 1f : matte[i];
                confidence[i] = Math.Clamp((PersonMatte - m) / (PersonMatte - BackgroundMatte), 0f, 1f);
            }
            ExtremumAlong(confidence, scratch, width, height, growth + SpeckRadius, step: 1, maximum: false);
            ExtremumAlong(scratch, confidence, width, height, growth + SpeckRadius, step: width, maximum: false);
            ExtremumAlong(confidence, scratch, width, height, SpeckRadius, step: 1, maximum: true);
            ExtremumAlong(scratch, confidence, width, height, SpeckRadius, step: width, maximum: true);
            if (blurred)
            {
                PushPullFill.Fill(crop, confidence.AsSpan(0, matte.Length), filled);
            }
            else
            {
                MirrorFill.Fill(crop, confidence.AsSpan(0, matte.Length), filled);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(confidence);
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// destination = the minimum (or <paramref name="maximum"/>) of source over ±radius pixels along rows
    /// (<paramref name="step"/> 1) or columns (<paramref name="step"/> = width), cut at the image's edges: the
    /// element-wise extremum of the line (or row) and its shifted copies, which runs over contiguous memory in SIMD
    /// lanes (a per-pixel tap loop down the columns cost more than the whole hole fill).
    /// </summary>
    private static void ExtremumAlong(float[] source, float[] destination, int width, int height, int radius, int step, bool maximum)
    {
        var pixels = width * height;
        source.AsSpan(0, pixels).CopyTo(destination);
        for (var line = 0; line < (step == 1 ? height : 1); line++)
        {
            // Rows: shifts by k within each row. Columns: shifts by k rows of the whole image at once.
            var (start, length, unit) = step == 1 ? (line * width, width, 1) : (0, pixels, width);
            var from = source.AsSpan(start, length);
            var to = destination.AsSpan(start, length);
            for (var k = 1; k <= radius && k * unit < length; k++)
            {
                var shift = k * unit;
                ExtremumInto(to[..^shift], from[shift..], maximum);
                ExtremumInto(to[shift..], from[..^shift], maximum);
            }
        }
    }

    /// <summary>to[i] = min(to[i], from[i]) (or the maximum), a vector of lanes at a time.</summary>
    private static void ExtremumInto(Span<float> to, ReadOnlySpan<float> from, bool maximum)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var lanes = Vector<float>.Count;
            for (; i <= to.Length - lanes; i += lanes)
            {
                var (a, b) = (new Vector<float>(to[i..]), new Vector<float>(from[i..]));
                (maximum ? Vector.Max(a, b) : Vector.Min(a, b)).CopyTo(to[i..]);
            }
        }
        for (; i < to.Length; i++)
        {
            to[i] = maximum ? MathF.Max(to[i], from[i]) : MathF.Min(to[i], from[i]);
        }
    }

    /// <summary>A strong blur at a quarter of the size: block means, then three box passes.</summary>
    private static RgbImage Blur(RgbImage image, int radius) => BoxBlur.Blur(BoxBlur.Shrink(image, BlurShrink), radius);

    /// <summary>
    /// Fills <paramref name="texture"/>, (W + 2m) × (H + 2m): inside, <paramref name="inner"/>; in the margin, its edge
    /// pixels fading linearly to <paramref name="beyond"/> at the same place, which alone colours the outermost ring.
    /// </summary>
    private static void Extend(RgbImage inner, Placed beyond, int margin, RgbImage texture)
    {
        var pixels = texture.Pixels;
        for (var ty = 0; ty < texture.Height; ty++)
        {
            var y = ty - margin;
            var cy = Math.Clamp(y, 0, inner.Height - 1);
            for (var tx = 0; tx < texture.Width; tx++)
            {
                var x = tx - margin;
                var cx = Math.Clamp(x, 0, inner.Width - 1);
                var outside = Math.Max(Math.Abs(x - cx), Math.Abs(y - cy));
                if (outside == 0)
                {
                    // The crop's own row, copied whole; the loop goes on at the right margin.
                    Array.Copy(inner.Pixels, cy * inner.Stride, pixels, ty * texture.Stride + 3 * margin, inner.Stride);
                    tx += inner.Width - 1;
                    continue;
                }
                var p = ty * texture.Stride + 3 * tx;
                var q = cy * inner.Stride + 3 * cx;
                var weight = 1f - (float)outside / margin;
                var soft = beyond.Sample(x + 0.5f, y + 0.5f);
                pixels[p] = Blend(inner.Pixels[q], soft.X, weight);
                pixels[p + 1] = Blend(inner.Pixels[q + 1], soft.Y, weight);
                pixels[p + 2] = Blend(inner.Pixels[q + 2], soft.Z, weight);
            }
        }
    }

    private static byte Blend(byte sharp, float soft, float weight) => (byte)Math.Clamp((int)(weight * sharp + (1f - weight) * soft + 0.5f), 0, 255);

    private static Vector3 MeanColour(RgbImage image)
    {
        long r = 0, g = 0, b = 0;
        for (var i = 0; i < image.Pixels.Length; i += 3)
        {
            (r, g, b) = (r + image.Pixels[i], g + image.Pixels[i + 1], b + image.Pixels[i + 2]);
        }
        var pixels = (float)image.Width * image.Height;
        return new Vector3(r / pixels, g / pixels, b / pixels);
    }
}
