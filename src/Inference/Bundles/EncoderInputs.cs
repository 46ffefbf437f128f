using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Segmentation;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Bundles;

/// <summary>
/// Fills in what a bundle's encoder takes beyond the crop: the face mesh ("mesh468", measured around the face, or the
/// canonical face on the keypoints where the mesh is not trusted) and the crop's person matte (its small islands taken
/// out, <see cref="MatteIslands"/>; continued past the
/// picture's edge by <see cref="OutsideTheFrame"/>, not read off the crop's fill there), the camera picture around the
/// crop (<see cref="CropSurround"/>), and the same matte of the whole picture for the surround and the far layer's room
/// beyond the crop. The networks are loaded on first need, so bundles that take
/// the crop alone cost nothing. One thread (the networks own input buffers).
/// </summary>
public sealed class EncoderInputs(OnnxSessionFactory sessions, MediaPipeModelFiles? files = null) : IDisposable
{
    private readonly Lazy<FaceMeshPose> _mesh = new(() => new FaceMeshPose(sessions, files));
    private readonly Lazy<PersonMatte> _matte = new(() => new PersonMatte(sessions, files));
    private OnePersonMatte? _onePerson;   // the last picture matte's one person: the frames taking that matte over share it

    /// <summary>
    /// <paramref name="face"/>, aligned from <paramref name="image"/>, with the mesh and matte <paramref name="encoder"/>
    /// takes added where the face does not carry them yet, and the matte of the whole picture when the encoder takes
    /// the surround, or when <paramref name="withPictureMatte"/> and the encoder takes a matte (one more run of the
    /// network: a live stream whose background does not show the room leaves it out for an encoder without a surround).
    /// The surround is cut into <paramref name="recycle"/>'s buffers when they fit (one its owner no longer reads), and
    /// reads a picture matte the face carries from an earlier frame through that frame's crop
    /// (<paramref name="pictureMatteCrop"/>, <see cref="CropSurround.Cut"/>).
    /// </summary>
    public AlignedFace Complete(AlignedFace face, RgbImage image, OnnxEncoder encoder, bool withPictureMatte = true, CropSurround? recycle = null,
        AffineTransform2D? pictureMatteCrop = null)
    {
        ArgumentNullException.ThrowIfNull(face);
        ArgumentNullException.ThrowIfNull(encoder);
        if (encoder.FaceInput?.Kind == FaceParameters.Mesh468 && face.Mesh is null)
        {
            var measured = _mesh.Value.TryMeasure(image, face.Geometry, encoder.Framing);
            face = face with
            {
                Mesh = measured is not null
                    ? CropMesh.FromMeasurement(measured.Mesh, face.CropToImage)
                    : CropMesh.FromKeypoints(_mesh.Value.Canonical, face.Keypoints),
            };
        }
        // The whole picture's matte: for the surround, whatever the background shows, and for the room beyond the crop.
        var takenOver = face.PictureMatte is not null;
        if (!takenOver && (encoder.SurroundInput is not null || (withPictureMatte && encoder.TakesMatte)))
        {
            face = face with { PictureMatte = PictureMatteOf(image) };
        }
        var matteCrop = takenOver ? pictureMatteCrop ?? face.CropToImage : face.CropToImage;
        var onePerson = face.PictureMatte is { } pictureMatte ? OnePersonOf(pictureMatte, matteCrop, face.Crop.Width, image) : null;
        if (encoder.SurroundInput is { } surround && face.Surround is null)
        {
            face = face with { Surround = CropSurround.Cut(image, face.CropToImage, onePerson!, encoder.InputSize, surround.Span, recycle) };
        }
        if (!encoder.TakesMatte)
        {
            return face;
        }
        if (face.Matte is null)
        {
            var matte = _matte.Value.SegmentPixels(face.Crop);
            if (onePerson is null)
            {
                MatteIslands.Remove(matte, face.Crop.Width, face.Crop.Height);
            }
            else
            {
                onePerson.RemoveOthersFrom(matte, face.Crop.Width);
            }
            face = face with { Matte = OutsideTheFrame.ContinueMatte(matte, face.Crop.Width, face.CropToImage, image.Width, image.Height) };
        }
        // A matte taken over from the frame before (the live path) recolours this frame's crop the same way.
        OutsideTheFrame.FillByMatte(face.Crop, face.Matte, face.CropToImage, image.Width, image.Height);
        return face;
    }

    /// <summary>
    /// <paramref name="matte"/>'s one person read through <paramref name="matteCrop"/>: the last one while a frame hands
    /// over the same matte through the same crop (a live stream's quarter of a second), else a new one.
    /// </summary>
    private OnePersonMatte OnePersonOf(PictureMatte matte, AffineTransform2D matteCrop, int cropSize, RgbImage image)
    {
        if (_onePerson is null || !_onePerson.IsFor(matte, matteCrop, cropSize, image.Width, image.Height))
        {
            _onePerson?.Dispose();
            _onePerson = new OnePersonMatte(matte, matteCrop, cropSize, image.Width, image.Height);
        }
        return _onePerson;
    }

    /// <summary>The whole picture's matte, its small islands taken out as the crop's are (the surround builds a body wherever it says person).</summary>
    private PictureMatte PictureMatteOf(RgbImage image)
    {
        var matte = _matte.Value.SegmentPicture(image);
        MatteIslands.Remove(matte.Values, matte.Width, matte.Height);
        return matte;
    }

    public void Dispose()
    {
        _onePerson?.Dispose();
        if (_mesh.IsValueCreated)
        {
            _mesh.Value.Dispose();
        }
        if (_matte.IsValueCreated)
        {
            _matte.Value.Dispose();
        }
    }
}
