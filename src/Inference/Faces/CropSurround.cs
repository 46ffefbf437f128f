using System.Buffers;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Segmentation;
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
    /// a side, and reads <paramref name="matte"/> (the picture's person matte) at each pixel, keeping only the region it
    /// calls the person at the crop's centre (<see cref="MatteIslands.OnlyTheOneAt"/>). Into the buffers of
    /// <paramref name="recycle"/> when they fit (a surround its owner no longer reads: a live stream cuts one a frame,
    /// and fresh ones would put a megabyte a frame on the large-object heap). A matte taken over from an earlier frame
    /// is read where the person was then: through that frame's crop (<paramref name="matteCropToImage"/>), so it moves
    /// with the face (a live stream runs the picture's matte every quarter of a second, and a body swaying past the
    /// crop's edge would otherwise jump there as often).
    /// </summary>
    public static CropSurround Cut(RgbImage image, AffineTransform2D cropToImage, PictureMatte matte, int size, float span, CropSurround? recycle = null,
        AffineTransform2D? matteCropToImage = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(matte);
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
        // The person whose face the crop is centred on, not the people beside them: the surround builds a body wherever
        // it says person, and a neighbour past the crop's edge stood there as a flat board or a floating piece beside
        // the head (party photos, perf/RESULTS-fidelity.md).
        var matteCrop = matteCropToImage ?? cropToImage;
        var (faceX, faceY) = matteCrop.Apply(size / 2f, size / 2f);
        var only = ArrayPool<float>.Shared.Rent(matte.Width * matte.Height);
        try
        {
            MatteIslands.OnlyTheOneAt(matte.Values, only, matte.Width, matte.Height,
                (int)(faceX * matte.Width / image.Width), (int)(faceY * matte.Height / image.Height));
            // The matte is stretched over the picture: picture point (x, y) is matte point (x · W / width, y · H / height).
            var toMatte = new AffineTransform2D((float)matte.Width / image.Width, 0, 0, (float)matte.Height / image.Height, 0, 0)
                .After(matteCrop.After(toCrop));
            ImageWarp.WarpValues(only, matte.Width, matte.Height, person, size, toMatte);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(only);
        }
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
