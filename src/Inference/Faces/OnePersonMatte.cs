using System.Buffers;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Segmentation;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// The whole picture's person matte with only the person an aligned crop is centred on (the region the matte calls the
/// person at the crop's centre, <see cref="MatteIslands.OnlyTheOneAt"/>), read at crop points: relief v2 builds a body
/// wherever a matte says person, and the people beside that one stood as flat boards or floating pieces beside the head
/// (party photos, perf/RESULTS-fidelity.md). <paramref name="matteCropToImage"/> is the crop of the frame the matte ran
/// on, so a matte taken over from an earlier frame is read where the person was then and moves with the face (and the
/// same one serves every frame that takes the matte over: <see cref="IsFor"/>). The filtered values live in a pooled
/// buffer until disposed.
/// </summary>
public sealed class OnePersonMatte : IDisposable
{
    private readonly PictureMatte _matte;
    private readonly float[] _only;
    private readonly AffineTransform2D _cropToMatte;
    private readonly (AffineTransform2D MatteCrop, int CropSize, int ImageWidth, int ImageHeight) _reading;

    /// <param name="matte">The picture's matte (stretched over an <paramref name="imageWidth"/> × <paramref name="imageHeight"/> picture).</param>
    /// <param name="matteCropToImage">Crop pixels to picture pixels, for the frame the matte ran on.</param>
    /// <param name="cropSize">The crop's side, pixels.</param>
    public OnePersonMatte(PictureMatte matte, AffineTransform2D matteCropToImage, int cropSize, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(matte);
        (_matte, _reading) = (matte, (matteCropToImage, cropSize, imageWidth, imageHeight));
        // The matte is stretched over the picture: picture point (x, y) is matte point (x · W / width, y · H / height).
        _cropToMatte = new AffineTransform2D((float)matte.Width / imageWidth, 0, 0, (float)matte.Height / imageHeight, 0, 0).After(matteCropToImage);
        var (faceX, faceY) = _cropToMatte.Apply(cropSize / 2f, cropSize / 2f);
        _only = ArrayPool<float>.Shared.Rent(matte.Width * matte.Height);
        MatteIslands.OnlyTheOneAt(matte.Values, _only, matte.Width, matte.Height, (int)faceX, (int)faceY);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> (<paramref name="size"/>², row-major) with the person's probability at each
    /// pixel, <paramref name="toCrop"/> mapping its pixels to crop pixels (bilinear, the matte's edge continued).
    /// </summary>
    public void ReadInto(float[] destination, int size, AffineTransform2D toCrop) =>
        ImageWarp.WarpValues(_only, _matte.Width, _matte.Height, destination, size, _cropToMatte.After(toCrop));

    /// <summary>
    /// Takes the small islands out of the crop's <paramref name="matte"/> (<paramref name="size"/>², the crop this one
    /// person is read for), and the people apart from this one: its pieces the whole picture's matte does not join to
    /// them (a neighbour's shoulder beside the head stood out in a turned view as a floating disc). A piece of the person
    /// the crop cuts off from them (a hand whose arm runs outside it) is joined to them in the picture, and stays. One
    /// pass over the matte's regions for both (<see cref="MatteIslands.Remove"/>). Returns how many pixels it cleared.
    /// </summary>
    public int RemoveOthersFrom(float[] matte, int size)
    {
        var wanted = ArrayPool<float>.Shared.Rent(size * size);
        try
        {
            ReadInto(wanted, size, AffineTransform2D.Identity);
            // The crop is centred on the face, which stays whatever the picture's coarser matte says there.
            wanted[size / 2 * size + size / 2] = 1f;
            return MatteIslands.Remove(matte, size, size, wanted);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(wanted);
        }
    }

    /// <summary>Whether this is <paramref name="matte"/>'s one person as the constructor with these arguments would find it.</summary>
    public bool IsFor(PictureMatte matte, AffineTransform2D matteCropToImage, int cropSize, int imageWidth, int imageHeight) =>
        ReferenceEquals(matte, _matte) && _reading == (matteCropToImage, cropSize, imageWidth, imageHeight);

    public void Dispose() => ArrayPool<float>.Shared.Return(_only);
}
