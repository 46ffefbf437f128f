using System.Numerics;
using PortraitStream.Inference.Faces.Mesh;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// Follows one face through a video: searches the whole frame every <see cref="FaceTrackerOptions.DetectEvery"/> frames
/// (every frame while searching or after a miss) and follows the face where it was on the frames between
/// (<see cref="BlazeFaceDetector.Follow"/>), holds a still face's detection (<see cref="FaceTrackerOptions.StillWithin"/>),
/// smooths the crop geometry with 1€ filters so the encoder sees a steady crop, and the head's yaw and pitch so that a
/// view following them (the gaze preset) does not shake; holds the last crop for
/// <see cref="FaceTrackerOptions.HoldWhenLost"/> when the face disappears, then reports
/// <see cref="FaceTrackState.NoFace"/> — a state, never an exception. BlazeFace acquires and recovers the face; the
/// head angles come from the face mesh when one is given (<see cref="FaceMeshPose"/>, every tracked frame, or its last
/// measurement again while the face is still: <see cref="FaceTrackerOptions.MeshRefreshEvery"/>) and from
/// BlazeFace's keypoints (<see cref="HeadPose"/>) when it is not, or when the mesh is not trusted on a frame. With a
/// face mesh the aligned face also carries the mesh in crop pixels (<see cref="AlignedFace.Mesh"/>, smoothed; the
/// canonical face on the keypoints where the mesh is not trusted), for encoders that take it.
/// One tracker per video stream, one thread.
/// </summary>
public sealed class FaceTracker
{
    private static readonly TimeSpan NominalFrameTime = TimeSpan.FromSeconds(1.0 / 30);

    private readonly BlazeFaceDetector _detector;
    private readonly FaceTrackerOptions _options;
    private readonly FaceMeshPose? _mesh;
    private readonly OneEuroFilter _centerX, _centerY, _logSide, _roll, _yaw, _pitch;
    private readonly MeshSmoother _meshSmoother;
    private readonly FaceStillness _stillness;
    private readonly CropDenoiser? _denoiser;

    private FaceDetection? _lastFace;      // the latest detection of the tracked face
    private bool _missing;                 // the latest detector run found no face
    private TimeSpan _lastSeen;            // when the tracked face was last detected
    private FaceCropGeometry _target;      // crop geometry of the latest detection
    private FaceCropGeometry _geometry;    // smoothed geometry of the latest crop
    private HeadAngles _head;              // smoothed head yaw and pitch
    private Vector3[]? _cropMesh;          // smoothed face mesh in crop pixels
    private MeshMeasurement? _lastMeasurement; // the latest face mesh run's result, reused while the face is still
    private TimeSpan? _lastTimestamp;
    private long _frame;
    private long _searchedFrames;          // detector runs since the track was last live, for spacing the zoomed search

    /// <summary>A face is tracked and the latest detector run found it.</summary>
    private bool Live => _lastFace is not null && !_missing;

    public FaceTracker(BlazeFaceDetector detector, FaceTrackerOptions? options = null, FaceMeshPose? mesh = null)
    {
        _detector = detector ?? throw new ArgumentNullException(nameof(detector));
        _mesh = mesh;
        _options = options ?? FaceTrackerOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.DetectEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MeshRefreshEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.ZoomedSearchEvery, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(_options.StillWithin);
        var (centerCutoff, centerBeta) = _options.CenterSmoothing;
        var (shapeCutoff, shapeBeta) = _options.ShapeSmoothing;
        (_centerX, _centerY) = (new OneEuroFilter(centerCutoff, centerBeta), new OneEuroFilter(centerCutoff, centerBeta));
        (_logSide, _roll) = (new OneEuroFilter(shapeCutoff, shapeBeta), new OneEuroFilter(shapeCutoff, shapeBeta));
        var (headCutoff, headBeta) = _options.HeadSmoothing;
        (_yaw, _pitch) = (new OneEuroFilter(headCutoff, headBeta), new OneEuroFilter(headCutoff, headBeta));
        _meshSmoother = new MeshSmoother(_options.MeshSmoothing);
        _stillness = new FaceStillness { RefreshEvery = _options.MeshRefreshEvery };
        _denoiser = _options.DenoiseCrop ? new CropDenoiser() : null;
    }

    /// <summary>Tracks the face in <paramref name="frame"/>, captured at <paramref name="timestamp"/> (monotonic).</summary>
    public FaceTrackResult Track(RgbImage frame, TimeSpan timestamp)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var dt = FrameInterval(timestamp);
        var search = _lastFace is null || _missing || _frame % _options.DetectEvery == 0;
        _frame++;
        // Between searches the face is followed where it was, so a moving face's crop is cut where it is on this
        // frame: a crop from the last search's keypoints lagged a moving head by up to two frames of its motion, and
        // each search jumped the crop, which every rendered view showed as the head shaking.
        var followed = search ? null : _detector.Follow(frame, _lastFace!);
        if (followed is not null)
        {
            Observe([followed], timestamp);
        }
        else
        {
            search = true;
            var zoomed = Live || _searchedFrames++ % _options.ZoomedSearchEvery == 0;
            Observe(_detector.Detect(frame, near: _lastFace, zoomed), timestamp);
            if (Live)
            {
                _searchedFrames = 0;
            }
        }

        if (_lastFace is null || (_missing && timestamp - _lastSeen > _options.HoldWhenLost))
        {
            Reset();
            return new FaceTrackResult(FaceTrackState.NoFace, null, search);
        }
        if (!_missing)
        {
            _geometry = Smooth(_target, dt);
        }
        var face = FaceAligner.Align(frame, _lastFace, _geometry, _options.CropSize);
        _denoiser?.Filter(face.Crop);
        var meshUse = NetworkUse.None;
        if (!_missing)
        {
            // While holding, the keypoints are the lost face's: the last smoothed angles and mesh stand.
            (var measured, meshUse) = MeasureMesh(frame);
            var head = measured?.Head ?? face.Head;
            _head = new HeadAngles(_yaw.Filter(head.YawDegrees, dt), _pitch.Filter(head.PitchDegrees, dt));
            if (_mesh is not null)
            {
                var mesh = measured is not null
                    ? CropMesh.FromMeasurement(measured.Mesh, face.CropToImage)
                    : CropMesh.FromKeypoints(_mesh.Canonical, face.Keypoints);
                _cropMesh = _meshSmoother.Filter(mesh, dt);
            }
        }
        var state = _missing ? FaceTrackState.Holding : FaceTrackState.Tracking;
        return new FaceTrackResult(state, face with { Head = _head, Mesh = _cropMesh }, search) { Mesh = meshUse };
    }

    /// <summary>
    /// The face mesh on the tracked face, or the last measurement again while the face has not changed since it
    /// (<see cref="FaceStillness"/>): the mesh lies in image pixels, so it stays right for a crop that the smoothing
    /// moved a little, and a key frame, a move, a blink or another face brings a fresh one.
    /// </summary>
    private (MeshMeasurement? Measured, NetworkUse Use) MeasureMesh(RgbImage frame)
    {
        if (_mesh is null)
        {
            return (null, NetworkUse.None);
        }
        if (_lastMeasurement is not null && _stillness.IsStill(frame, _geometry, _options.Framing))
        {
            return (_lastMeasurement, NetworkUse.Reused);
        }
        _lastMeasurement = _mesh.TryMeasure(frame, _geometry, _options.Framing);
        if (_lastMeasurement is null)
        {
            _stillness.Forget();
        }
        else
        {
            _stillness.Remember(frame, _geometry, _options.Framing);
        }
        return (_lastMeasurement, NetworkUse.Ran);
    }

    private void Observe(IReadOnlyList<FaceDetection> faces, TimeSpan timestamp)
    {
        var face = PickFace(faces);
        _missing = face is null;
        if (face is not null)
        {
            _lastSeen = timestamp;
            if (_lastFace is { } last && Unmoved(last, face))
            {
                return;
            }
            _lastFace = face;
            _target = FaceCropGeometry.From(face, _options.Framing);
        }
    }

    /// <summary>Whether <paramref name="face"/>'s eyes, nose and mouth all lie within <see cref="FaceTrackerOptions.StillWithin"/> × the box width of <paramref name="last"/>'s.</summary>
    private bool Unmoved(FaceDetection last, FaceDetection face)
    {
        var within = _options.StillWithin * last.Box.Width;
        for (var i = 0; i < 4; i++)
        {
            if (Vector2.Distance(last.Keypoints[i], face.Keypoints[i]) > within)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>The face overlapping the tracked one most (ties to the most confident), or the most confident.</summary>
    private FaceDetection? PickFace(IReadOnlyList<FaceDetection> faces) =>
        faces.Count == 0 ? null
        : _lastFace is { } last ? faces.MaxBy(f => f.Box.IntersectionOverUnion(last.Box) + f.Score * 1e-3f)
        : faces[0];

    private float FrameInterval(TimeSpan timestamp)
    {
        var dt = _lastTimestamp is { } previous ? (float)(timestamp - previous).TotalSeconds : 0f;
        _lastTimestamp = timestamp;
        return dt > 0 ? dt : (float)NominalFrameTime.TotalSeconds;
    }

    private FaceCropGeometry Smooth(FaceCropGeometry target, float dt) => new(
        new(_centerX.Filter(target.Center.X, dt), _centerY.Filter(target.Center.Y, dt)),
        MathF.Exp(_logSide.Filter(MathF.Log(target.Side), dt)),
        _roll.Filter(target.Roll, dt));

    private void Reset()
    {
        (_lastFace, _missing) = (null, false);
        _centerX.Reset();
        _centerY.Reset();
        _logSide.Reset();
        _roll.Reset();
        _yaw.Reset();
        _pitch.Reset();
        _meshSmoother.Reset();
        _cropMesh = null;
        _lastMeasurement = null;
        _stillness.Forget();
        _denoiser?.Reset();
    }
}
