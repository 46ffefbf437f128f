using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Inference.Segmentation;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Perf;

/// <summary>
/// What relief v2 adds to a frame, side by side with relief v1's encoder (ONNX Runtime, CPU): the face mesh on the
/// tracked face (192² input), the person matte on the 256² crop, and the v2 encoder (crop, mesh, matte → 5-channel
/// triplanes at R = 256). The committed portrait, reused buffers, as the live analyser runs them. Then what a crop
/// that reaches past the camera picture adds (<see cref="OutsideTheFrame"/>): the portrait with its top 70 rows cut
/// off, whose crop passes the top edge by a quarter of its side. And the whole picture's matte that keep and blur add
/// for the room beyond the crop, and relief v2 for the shoulders past it, on the 512² portrait and on a 1280×720 camera
/// frame (the portrait scaled into it), and the picture around the crop cut for relief v2's encoder from either.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class PersonGeometryBenchmarks
{
    private OnnxSessionFactory _sessions = null!;
    private RgbImage _portrait = null!;
    private FaceMeshPose _mesh = null!;
    private PersonMatte _matte = null!;
    private ModelBundle _v1 = null!, _v2 = null!;
    private AlignedFace _face = null!;
    private Triplanes _v1Planes = null!, _v2Planes = null!;
    private RgbImage _cut = null!, _cutCrop = null!;
    private AlignedFace _cutFace = null!;
    private float[] _cutMatte = null!;
    private RgbImage _hd = null!;
    private AlignedFace _hdFace = null!;
    private PictureMatte _hdMatte = null!;
    private CropSurround _surround = null!;

    [GlobalSetup]
    public void Setup()
    {
        _sessions = new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
        _portrait = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        _mesh = new FaceMeshPose(_sessions);
        _matte = new PersonMatte(_sessions);
        _v1 = ModelBundle.Load(ReliefBundle.Default, _sessions);
        _v2 = ModelBundle.Load(ReliefV2Bundle.Default, _sessions);
        using var detector = new BlazeFaceDetector(_sessions);
        var face = FaceAligner.Align(_portrait, detector.Detect(_portrait)[0], _v2.Encoder.InputSize, _v2.Manifest.Encoder.Framing);
        using var inputs = new EncoderInputs(_sessions);
        _face = inputs.Complete(face, _portrait, _v2.Encoder);
        (_v1Planes, _v2Planes) = (new(_v1.Layout), new(_v2.Layout));

        _cut = new RgbImage(_portrait.Width, _portrait.Height - 70);
        _portrait.Pixels.AsSpan(_portrait.Stride * 70).CopyTo(_cut.Pixels);
        _cutFace = FaceAligner.Align(_cut, detector.Detect(_cut)[0], _v2.Encoder.InputSize, _v2.Manifest.Encoder.Framing);
        _cutCrop = ImageWarp.Crop(_cut, _cutFace.CropToImage, _cutFace.Crop.Width);
        _cutMatte = _matte.SegmentPixels(_cutFace.Crop);

        _hd = new RgbImage(1280, 720);
        ImageWarp.Warp(_portrait, _hd, new AffineTransform2D(_portrait.Height / 720f, 0, 0, _portrait.Height / 720f, -0.5f * (1280 - 720) * _portrait.Height / 720f, 0));
        _hdFace = FaceAligner.Align(_hd, detector.Detect(_hd)[0], _v2.Encoder.InputSize, _v2.Manifest.Encoder.Framing);
        _hdMatte = _matte.SegmentPicture(_hd);
        _surround = _face.Surround!;
    }

    /// <summary>The face mesh and the canonical-face fit on it (the tracker runs this every tracked frame).</summary>
    [Benchmark]
    public MeshMeasurement? FaceMesh() => _mesh.TryMeasure(_portrait, _face.Geometry, _v2.Manifest.Encoder.Framing);

    /// <summary>The person matte of the encoder crop.</summary>
    [Benchmark]
    public float[] Matte() => _matte.SegmentPixels(_face.Crop);

    /// <summary>The crop matte's small islands looked for and taken out (the portrait's has none: the cost is the search).</summary>
    [Benchmark]
    public int MatteIslandsRemoved() => MatteIslands.Remove((float[])_face.Matte!.Clone(), _face.Crop.Width, _face.Crop.Height);

    /// <summary>
    /// The crop matte's small islands and people apart from the one the crop is centred on taken out, in one search (the
    /// portrait has neither: the cost is the whole picture's one person read at the crop's pixels and the search).
    /// </summary>
    [Benchmark]
    public int OnePersonKept()
    {
        using var onePerson = new OnePersonMatte(_face.PictureMatte!, _face.CropToImage, _face.Crop.Width, _portrait.Width, _portrait.Height);
        return onePerson.RemoveOthersFrom((float[])_face.Matte!.Clone(), _face.Crop.Width);
    }

    /// <summary>The person matte of the whole 512² portrait, as keep's and blur's far layer takes it.</summary>
    [Benchmark]
    public PictureMatte PictureMattePortrait() => _matte.SegmentPicture(_portrait);

    /// <summary>The same on a 1280×720 camera frame.</summary>
    [Benchmark]
    public PictureMatte PictureMatte720p() => _matte.SegmentPicture(_hd);

    /// <summary>
    /// The picture around the crop relief v2's encoder takes (two crop sides, 256²), cut from the 512² portrait into the
    /// last one's buffers, as the live analyser does.
    /// </summary>
    [Benchmark]
    public CropSurround SurroundPortrait() =>
        _surround = CropSurround.Cut(_portrait, _face.CropToImage, _face.PictureMatte!, _v2.Encoder.InputSize, _v2.Encoder.SurroundInput!.Span, _surround);

    /// <summary>The same from a 1280×720 camera frame.</summary>
    [Benchmark]
    public CropSurround Surround720p() =>
        _surround = CropSurround.Cut(_hd, _hdFace.CropToImage, _hdMatte, _v2.Encoder.InputSize, _v2.Encoder.SurroundInput!.Span, _surround);

    [Benchmark]
    public void EncodeReliefV2() => _v2.Encoder.Encode(_face, _v2Planes);

    [Benchmark(Baseline = true)]
    public void EncodeReliefV1() => _v1.Encoder.Encode(_face, _v1Planes);

    /// <summary>
    /// Everything a crop past the picture's edge adds to a frame: the smooth fill outside, the matte continued under
    /// its caps, and the fill again by the matte (on copies of the crop as the warp cut it and of its matte).
    /// </summary>
    [Benchmark]
    public void OutsideTheFrameFills()
    {
        var crop = new RgbImage(_cutCrop.Width, _cutCrop.Height, (byte[])_cutCrop.Pixels.Clone());
        OutsideTheFrame.FillCrop(crop, _cutFace.CropToImage, _cut.Width, _cut.Height);
        var matte = OutsideTheFrame.ContinueMatte((float[])_cutMatte.Clone(), crop.Width, _cutFace.CropToImage, _cut.Width, _cut.Height);
        OutsideTheFrame.FillByMatte(crop, matte, _cutFace.CropToImage, _cut.Width, _cut.Height);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _mesh.Dispose();
        _matte.Dispose();
        _v1.Dispose();
        _v2.Dispose();
    }
}
