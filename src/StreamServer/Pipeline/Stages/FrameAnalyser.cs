using System.Diagnostics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Inference.Onnx;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>
/// The track-and-encode stage of one video stream: face tracking with the aligned crop the bundle asks for (and the face
/// mesh in it), the person matte of the crop when the bundle's encoder takes one (and of the whole picture when the
/// background shows the room beyond the crop or the encoder takes the picture around the crop), then the bundle's
/// encoder into a pooled triplane buffer. The detector, face mesh, matte and tracker are the stream's own (they keep
/// state and input buffers); the encoder is the bundle's shared ONNX Runtime session. One thread.
/// </summary>
internal sealed class FrameAnalyser(OnnxSessionFactory sessions) : IDisposable
{
    private readonly BlazeFaceDetector _detector = new(sessions);
    private readonly FaceMeshPose _mesh = new(sessions);
    private readonly EncoderInputs _inputs = new(sessions);
    private readonly TriplanePool _pool = new();
    private FaceTracker? _tracker;
    private ModelBundle? _trackerBundle;
    /// <summary>
    /// The oldest matte a frame may take over (the age of the camera picture it was run on): 3 frame times at 30 fps,
    /// so the analyse loop's own pace at the live defaults on two cores (15–20 frames a second) keeps the reuse, and a
    /// server falling below 10 analysed frames a second, whose next frame shows a silhouette that moved further, runs it each time.
    /// </summary>
    private static readonly TimeSpan MaxMatteAge = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The oldest whole-picture matte a frame may take over. It only says where the person is beyond the crop (for the
    /// room that turned views see there, and the shoulders past the crop's edge in the surround), so a quarter of a
    /// second's lag costs little (a body moves a few centimetres, the surround reads it moved with the face, and the
    /// crop's own matte is fresh);
    /// run with every crop matte it cost a live session in Chromium on two cores 1.5 of its 23 frames a second.
    /// </summary>
    private static readonly TimeSpan MaxPictureMatteAge = TimeSpan.FromMilliseconds(250);

    private float[]? _matte;               // the latest matte, reused on alternate frames of a track
    private TimeSpan _matteCaptured;       // the capture time of the camera picture it was run on
    private PictureMatte? _pictureMatte;   // the latest whole-picture matte, while frames want it
    private TimeSpan _pictureMatteCaptured;
    // The crop of the frame the whole-picture matte was run on: a later frame reads it moved with the face.
    private AffineTransform2D _pictureMatteCrop;
    // The last picture around the crop, read by the encoder alone: its buffers are the next one's.
    private CropSurround? _surround;
    private long _frame;

    /// <summary>
    /// Tracks the face in <paramref name="camera"/> and, when there is one, encodes it with <paramref name="bundle"/>;
    /// <paramref name="showsRoom"/>: the background (keep, blur) shows the picture beyond the crop, so the far layer
    /// wants the whole picture's matte.
    /// </summary>
    public AnalysedFrame Analyse(CameraFrame camera, ModelBundle bundle, bool showsRoom = true)
    {
        var tracker = TrackerFor(bundle);
        var start = Stopwatch.GetTimestamp();
        var track = tracker.Track(camera.Image, camera.CaptureTime);
        var timings = camera.Timings with { TrackMs = FrameTimings.Since(start) };
        if (track.Face is not { } face)
        {
            (_matte, _pictureMatte) = (null, null);
            return new AnalysedFrame(camera, bundle, track.State, null, default, timings);
        }

        start = Stopwatch.GetTimestamp();
        // The whole picture's matte: for the room the background shows beyond the crop, and for the surround an encoder takes.
        var wantsPictureMatte = (bundle.Encoder.TakesMatte && showsRoom) || bundle.Encoder.SurroundInput is not null;
        var recent = WithRecentPictureMatte(WithRecentMatte(face, track, camera.CaptureTime), track, camera.CaptureTime, wantsPictureMatte);
        var work = new AnalysisWork(track.Mesh, Use(bundle.Encoder.TakesMatte, recent.Matte), Use(wantsPictureMatte, recent.PictureMatte));
        face = _inputs.Complete(recent, camera.Image, bundle.Encoder, showsRoom, _surround, _pictureMatteCrop);
        if (work.Matte == NetworkUse.Ran)
        {
            _matteCaptured = camera.CaptureTime;
        }
        if (work.PictureMatte == NetworkUse.Ran)
        {
            (_pictureMatteCaptured, _pictureMatteCrop) = (camera.CaptureTime, face.CropToImage);
        }
        (_matte, _pictureMatte) = (face.Matte, face.PictureMatte);
        var lease = _pool.Rent(bundle.Layout);
        try
        {
            bundle.Encoder.Encode(face, lease.Triplanes);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
        // Nothing after the encoder reads the surround; the frame goes on without it, and the next one is cut into it.
        (_surround, face) = (face.Surround, face with { Surround = null });

        return new AnalysedFrame(camera, bundle, track.State, lease, face.Head, timings with { EncodeMs = FrameTimings.Since(start) })
        {
            Aligned = face,
            Work = work,
        };
    }

    private static NetworkUse Use(bool wanted, object? reused) => !wanted ? NetworkUse.None : reused is null ? NetworkUse.Ran : NetworkUse.Reused;

    /// <summary>
    /// On every other frame of a running track the previous frame's matte stands (a silhouette moves little in 1/30 s
    /// and the crop follows the face smoothly), halving the matte's share of the frame; a new track, a model change or
    /// a matte older than <see cref="MaxMatteAge"/> at <paramref name="captured"/> takes a fresh one.
    /// </summary>
    private AlignedFace WithRecentMatte(AlignedFace face, FaceTrackResult track, TimeSpan captured)
    {
        var reuse = ++_frame % 2 == 0 && track.State == FaceTrackState.Tracking && _matte?.Length == face.Crop.Width * face.Crop.Height
            && captured - _matteCaptured <= MaxMatteAge;
        return reuse ? face with { Matte = _matte } : face;
    }

    /// <summary>
    /// While the frame <paramref name="wanted"/> the whole picture's matte, a running track takes it over until it is
    /// older than <see cref="MaxPictureMatteAge"/>; a new track, a model change or a frame after it was not wanted runs
    /// it afresh.
    /// </summary>
    private AlignedFace WithRecentPictureMatte(AlignedFace face, FaceTrackResult track, TimeSpan captured, bool wanted) =>
        wanted && track.State == FaceTrackState.Tracking && _pictureMatte is not null && captured - _pictureMatteCaptured <= MaxPictureMatteAge
            ? face with { PictureMatte = _pictureMatte }
            : face;

    /// <summary>A tracker cutting crops as <paramref name="bundle"/> wants them; a model change starts a new track.</summary>
    private FaceTracker TrackerFor(ModelBundle bundle)
    {
        if (_tracker is null || !ReferenceEquals(bundle, _trackerBundle))
        {
            _tracker = new FaceTracker(_detector, FaceTrackerOptions.Default with
            {
                CropSize = bundle.Encoder.InputSize,
                Framing = bundle.Manifest.Encoder.Framing,
            }, _mesh);
            _trackerBundle = bundle;
            (_matte, _pictureMatte) = (null, null);
        }

        return _tracker;
    }

    public void Dispose()
    {
        _detector.Dispose();
        _mesh.Dispose();
        _inputs.Dispose();
    }
}
