using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// A recursive temporal filter on the tracked crop: each pixel moves a share of the way from what it showed on the
/// previous frames toward the new frame, the whole way where it changed by more than sensor or codec noise does. A
/// still face in a noisy camera otherwise shimmers in every rendered view — the encoder samples the crop once per
/// texel, and relief v2 sharpens the texels, which brings the camera's noise back with the detail (perf
/// `temporal-noise`: consecutive renders of a still face 33.6 dB apart over the face at σ = 4 levels of noise, 37.1 dB
/// with this filter). Per pixel, so a mouth or an
/// eye that moves passes through at once while the cheek beside it is averaged; a moved crop changes the textured
/// pixels by more than the threshold, and the flat ones it averages look the same shifted. Each pixel's change is its
/// largest channel's. One tracker's, one thread.
/// </summary>
public sealed class CropDenoiser
{
    /// <summary>Share of the new frame a still pixel takes: noise variance falls to Blend / (2 − Blend) (¼ at 0.4).</summary>
    public float Blend { get; init; } = 0.4f;

    /// <summary>Change (0–255, the largest channel's) up to which a pixel counts as still: about twice a webcam's noise σ.</summary>
    public float StillBelow { get; init; } = 6f;

    /// <summary>Change from which a pixel takes the new frame whole; between the two its share rises linearly.</summary>
    public float MovedAbove { get; init; } = 18f;

    private float[] _state = [];
    private int _width, _height;

    /// <summary>
    /// Filters <paramref name="crop"/> in place against the frames before it; the first frame, and any frame of
    /// another size, passes through unchanged and starts the history again.
    /// </summary>
    public void Filter(RgbImage crop)
    {
        ArgumentNullException.ThrowIfNull(crop);
        var pixels = crop.Pixels;
        if (crop.Width != _width || crop.Height != _height)
        {
            (_width, _height) = (crop.Width, crop.Height);
            _state = new float[pixels.Length];
            for (var i = 0; i < pixels.Length; i++)
            {
                _state[i] = pixels[i];
            }
            return;
        }
        var ramp = 1f / MathF.Max(MovedAbove - StillBelow, 1e-3f);
        for (var i = 0; i < pixels.Length; i += RgbImage.BytesPerPixel)
        {
            float dr = pixels[i] - _state[i], dg = pixels[i + 1] - _state[i + 1], db = pixels[i + 2] - _state[i + 2];
            var change = MathF.Max(MathF.Abs(dr), MathF.Max(MathF.Abs(dg), MathF.Abs(db)));
            var moved = Math.Clamp((change - StillBelow) * ramp, 0f, 1f);
            var share = Blend + (1f - Blend) * moved;
            _state[i] += share * dr;
            _state[i + 1] += share * dg;
            _state[i + 2] += share * db;
            pixels[i] = (byte)(_state[i] + 0.5f);
            pixels[i + 1] = (byte)(_state[i + 1] + 0.5f);
            pixels[i + 2] = (byte)(_state[i + 2] + 0.5f);
        }
    }

    /// <summary>Forgets the history: the next frame passes through as it is.</summary>
    public void Reset() => (_width, _height) = (0, 0);
}
