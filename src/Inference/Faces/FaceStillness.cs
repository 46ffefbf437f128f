using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// Says whether a tracked face still looks as it did on the frame a measurement of it was taken from (the face mesh),
/// so the tracker may reuse that measurement instead of running the network again. The face box's square (the crop's
/// side over <see cref="FaceFraming.CropScale"/>, rotated with the crop) is read as a <see cref="Cells"/>² grid of
/// luma means, each over <see cref="SamplesPerCell"/>² pixels, so sensor and codec noise average out while a move of
/// about a pixel, a blink or another face changes whole cells. Still means: the tracker's crop moved less than
/// <see cref="MaxShift"/> of its side and <see cref="MaxRollRadians"/>, the cells differ by at most
/// <see cref="MaxMeanDifference"/> on average and <see cref="MaxCellDifference"/> anywhere (0–255 luma), and the
/// reference is younger than <see cref="RefreshEvery"/> frames (a key frame: however still, a fresh measurement then).
/// The comparison reads the same image square on both frames (the reference's), so the crop's own smoothing does not
/// count as change. One tracker, one thread.
/// </summary>
public sealed class FaceStillness
{
    public const int Cells = 16;
    public const int SamplesPerCell = 4;

    private readonly float[] _reference = new float[Cells * Cells];
    private readonly float[] _current = new float[Cells * Cells];
    private FaceCropGeometry _referenceGeometry;
    private int _age;
    private bool _valid;

    /// <summary>Frames a reference may serve, the one it was taken on included: 4 keeps a fresh measurement every 4th frame.</summary>
    public int RefreshEvery { get; init; } = 4;

    /// <summary>Mean over the cells of |luma now − luma then| allowed (of 255).</summary>
    public float MaxMeanDifference { get; init; } = 1.5f;

    /// <summary>Largest single cell difference allowed (of 255): a local change such as a blink or a mouth opening.</summary>
    public float MaxCellDifference { get; init; } = 6f;

    /// <summary>How far the crop's centre and side may move, as a fraction of its side.</summary>
    public float MaxShift { get; init; } = 0.01f;

    /// <summary>How far the crop's roll may turn (radians, ≈ 0.6°).</summary>
    public float MaxRollRadians { get; init; } = 0.01f;

    /// <summary>Whether <paramref name="frame"/>'s face, tracked at <paramref name="geometry"/>, is still the reference's.</summary>
    public bool IsStill(RgbImage frame, FaceCropGeometry geometry, FaceFraming framing)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(framing);
        if (!_valid || _age >= RefreshEvery || Moved(geometry))
        {
            return false;
        }
        Read(frame, _referenceGeometry, framing, _current);
        float sum = 0, largest = 0;
        for (var i = 0; i < _current.Length; i++)
        {
            var difference = MathF.Abs(_current[i] - _reference[i]);
            sum += difference;
            largest = MathF.Max(largest, difference);
        }
        var still = sum / _current.Length <= MaxMeanDifference && largest <= MaxCellDifference;
        if (still)
        {
            _age++;
        }
        return still;
    }

    /// <summary>Takes <paramref name="frame"/>'s face at <paramref name="geometry"/> as the reference for the next frames.</summary>
    public void Remember(RgbImage frame, FaceCropGeometry geometry, FaceFraming framing)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(framing);
        Read(frame, geometry, framing, _reference);
        (_referenceGeometry, _age, _valid) = (geometry, 1, true);
    }

    /// <summary>Drops the reference: the next frame is never still (a new track, a lost face, a measurement refused).</summary>
    public void Forget() => _valid = false;

    private bool Moved(FaceCropGeometry geometry)
    {
        var side = _referenceGeometry.Side;
        return (geometry.Center - _referenceGeometry.Center).Length() > MaxShift * side
            || MathF.Abs(geometry.Side - side) > MaxShift * side
            || MathF.Abs(geometry.Roll - _referenceGeometry.Roll) > MaxRollRadians;
    }

    /// <summary>The luma cell means of the face box's square of <paramref name="geometry"/> (nearest pixels, clamped to the frame).</summary>
    private static void Read(RgbImage frame, FaceCropGeometry geometry, FaceFraming framing, float[] cells)
    {
        const int samples = Cells * SamplesPerCell;
        var faceSize = geometry.Side / framing.CropScale;
        // The crop's centre sits VerticalOffset face sizes below the face box's, along the face's own down.
        var (cos, sin) = (MathF.Cos(geometry.Roll), MathF.Sin(geometry.Roll));
        var (centreX, centreY) = (geometry.Center.X + sin * framing.VerticalOffset * faceSize, geometry.Center.Y - cos * framing.VerticalOffset * faceSize);
        var step = faceSize / samples;
        var pixels = frame.Pixels;
        Array.Clear(cells);
        for (var j = 0; j < samples; j++)
        {
            var v = (j + 0.5f) * step - faceSize / 2;
            for (var i = 0; i < samples; i++)
            {
                var u = (i + 0.5f) * step - faceSize / 2;
                var x = Math.Clamp((int)MathF.Floor(centreX + cos * u - sin * v), 0, frame.Width - 1);
                var y = Math.Clamp((int)MathF.Floor(centreY + sin * u + cos * v), 0, frame.Height - 1);
                var at = y * frame.Stride + 3 * x;
                // ITU-R BT.601 luma weights, in 256ths.
                cells[j / SamplesPerCell * Cells + i / SamplesPerCell] += (77 * pixels[at] + 150 * pixels[at + 1] + 29 * pixels[at + 2]) / 256f;
            }
        }
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] /= SamplesPerCell * SamplesPerCell;
        }
    }
}
