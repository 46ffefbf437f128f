using System.Numerics;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Relief;

/// <summary>
/// Hand-placed keypoints framed as the relief bundle declares (eye midpoint at (0.5, 0.42), eye-to-mouth 0.22 of the
/// side), and crops painted by a function of the normalised pixel centre, for tests that need no face detector.
/// </summary>
internal static class SyntheticFace
{
    /// <summary>MediaPipe order: right eye (image left), left eye, nose tip, mouth, right ear, left ear; fractions of the side.</summary>
    public static readonly Vector2[] Keypoints =
    [
        new(0.40f, 0.42f), new(0.60f, 0.42f), new(0.50f, 0.54f), new(0.50f, 0.64f), new(0.31f, 0.47f), new(0.69f, 0.47f),
    ];

    public static float[] Parameters(int size) =>
        FaceParameters.ToKeypoints6(FaceKeypoints.FromPoints([.. Keypoints.Select(k => k * size)]), size);

    /// <summary>A crop whose pixel at normalised centre (u, v) has the colour <paramref name="paint"/> gives (0..1 each).</summary>
    public static RgbImage Paint(int size, Func<float, float, Vector3> paint)
    {
        var image = new RgbImage(size, size);
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var colour = Vector3.Clamp(paint((x + 0.5f) / size, (y + 0.5f) / size), Vector3.Zero, Vector3.One) * 255f;
                var pixel = image.Pixel(x, y);
                (pixel[0], pixel[1], pixel[2]) = ((byte)MathF.Round(colour.X), (byte)MathF.Round(colour.Y), (byte)MathF.Round(colour.Z));
            }
        }
        return image;
    }

    /// <summary>Red encodes u, green v: a crop from which a sampled colour tells where it was sampled.</summary>
    public static RgbImage CoordinateRamp(int size) => Paint(size, (u, v) => new Vector3(u, v, 0.5f));
}
