using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Tests.Faces;

/// <summary>Camera-like frames for the reuse tests: a picture with fresh sensor noise on each frame (seeded, so repeatable).</summary>
internal static class NoisyCanvas
{
    /// <summary><paramref name="image"/> with independent noise of about ±<paramref name="amplitude"/> (triangular) on every channel.</summary>
    public static RgbImage WithNoise(RgbImage image, int seed, int amplitude = 4)
    {
        var random = new Random(seed);
        var noisy = new RgbImage(image.Width, image.Height);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            var noise = random.Next(-amplitude, amplitude + 1) + random.Next(-amplitude, amplitude + 1);
            noisy.Pixels[i] = (byte)Math.Clamp(image.Pixels[i] + noise / 2, 0, 255);
        }
        return noisy;
    }
}
