using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// The camera picture around an aligned crop, for an encoder that takes it (model.json "encoder.surround"):
/// <paramref name="Picture"/>, a square over <paramref name="Span"/> crop sides centred on the crop and turned with it;
/// per pixel (row-major) the probability that it shows the person, from the whole picture's matte with only the person
/// the crop is centred on kept (<paramref name="Person"/>), and 1 where it lies inside the picture, 0 beyond its edge
/// (<paramref name="Inside"/>, where the picture is black and the person 0).
/// </summary>
public sealed record CropSurround(RgbImage Picture, float[] Person, float[] Inside, float Span)
{
    /// <summary>
    /// Cuts the surround of a crop (<paramref name="cropToImage"/>, crop pixels to <paramref name="image"/>'s, the crop
    /// <paramref name="size"/> pixels a side) out of <paramref name="image"/> with OpenCV, <paramref name="size"/> pixels
    /// a side, and reads <paramref name="matte"/> (the picture's person matte) at each pixel, keeping only the person the
    /// crop is centred on (<see cref="OnePersonMatte"/>; <paramref name="matteCropToImage"/>: the crop of the frame a
    /// matte taken over from an earlier frame ran on, so it moves with the face: a live stream runs the picture's matte
    /// every quarter of a second, and a body swaying past the crop's edge would otherwise jump there as often). Into the
    /// buffers of <paramref name="recycle"/> when they fit (a surround its owner no longer reads: a live stream cuts one
    /// a frame, and fresh ones would put a megabyte a frame on the large-object heap).
    /// </summary>
    public static CropSurround Cut(RgbImage image, AffineTransform2D cropToImage, PictureMatte matte, int size, float span, CropSurround? recycle = null,
        AffineTransform2D? matteCropToImage = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var person = new OnePersonMatte(matte, matteCropToImage ?? cropToImage, size, image.Width, image.Height);
        return Cut(image, cropToImage, person, size, span, recycle);
    }

    /// <inheritdoc cref="Cut(RgbImage, AffineTransform2D, PictureMatte, int, float, CropSurround?, AffineTransform2D?)"/>
    public static CropSurround Cut(RgbImage image, AffineTransform2D cropToImage, OnePersonMatte onePerson, int size, float span, CropSurround? recycle = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(onePerson);
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(span, 1f);
        var fits = recycle is not null && recycle.Picture.Width == size && recycle.Picture.Height == size && recycle.Person.Length == size * size
            && recycle.Inside.Length == size * size;
        var (picture, person, inside) = fits ? (recycle!.Picture, recycle.Person, recycle.Inside) : (new RgbImage(size, size), new float[size * size], new float[size * size]);

        // Surround pixel p lies at crop pixel p · span − (span − 1) · size / 2: the crop sits in its middle.
        var offset = -(span - 1f) * size / 2f;
        var toCrop = new AffineTransform2D(span, 0, 0, span, offset, offset);
        var toImage = cropToImage.After(toCrop);
        // Box-averaged first, then one bilinear tap: the surround is at most half the crop's resolution (half the cost of
        // n × n taps on the portrait and on a 720p frame, PersonGeometryBenchmarks).
        ImageWarp.WarpShrinkingFirst(image, picture, toImage);
        onePerson.ReadInto(person, size, toCrop);
        var pixels = picture.Pixels;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var i = y * size + x;
                var (fx, fy) = toImage.Apply(x + 0.5f, y + 0.5f);
                var within = fx >= 0 && fy >= 0 && fx < image.Width && fy < image.Height;
                inside[i] = within ? 1f : 0f;
                if (!within)
                {
                    // OpenCV continued the picture's edge here; the encoder is told it knows nothing.
                    person[i] = 0f;
                    pixels.AsSpan(3 * i, 3).Clear();
                }
            }
        }
        return new CropSurround(picture, person, inside, span);
    }
}
