using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Server.Tests.Media.Codecs;

/// <summary>
/// A deterministic portrait-like test sequence: a soft lit background, a skin-toned ellipse "head" that drifts and a
/// little texture on it, so the encoder sees both smooth areas and edges that move.
/// </summary>
internal static class SyntheticVideo
{
    public static I420Frame Frame(int width, int height, int index)
    {
        var frame = I420Frame.Rent(width, height);
        var centreX = width * (0.5 + 0.05 * Math.Sin(index * 0.2));
        var centreY = height * (0.45 + 0.03 * Math.Cos(index * 0.15));
        var radiusX = width * 0.22;
        var radiusY = height * 0.3;
        var y = frame.Y;
        for (var row = 0; row < height; row++)
        {
            for (var col = 0; col < width; col++)
            {
                var dx = (col - centreX) / radiusX;
                var dy = (row - centreY) / radiusY;
                var inside = dx * dx + dy * dy < 1;
                var luma = inside
                    ? 150 + 40 * (1 - dx * dx - dy * dy) + 8 * Math.Sin(col * 0.7 + row * 0.3)
                    : 40 + 60.0 * col / width + 30.0 * row / height;
                y[row * width + col] = (byte)Math.Clamp(luma, 16, 235);
            }
        }
        for (var row = 0; row < frame.ChromaHeight; row++)
        {
            for (var col = 0; col < frame.ChromaWidth; col++)
            {
                var dx = (col * 2 - centreX) / radiusX;
                var dy = (row * 2 - centreY) / radiusY;
                var inside = dx * dx + dy * dy < 1;
                frame.U[row * frame.ChromaWidth + col] = (byte)(inside ? 110 : 128 + 20.0 * row / frame.ChromaHeight);
                frame.V[row * frame.ChromaWidth + col] = (byte)(inside ? 150 : 120);
            }
        }
        return frame;
    }

    /// <summary>Peak signal-to-noise ratio over all three planes, in dB (infinite for identical frames).</summary>
    public static double Psnr(I420Frame a, I420Frame b)
    {
        // Plain exception, not Assert: perf's fuzz harness compiles this file too.
        if ((a.Width, a.Height) != (b.Width, b.Height))
        {
            throw new ArgumentException($"{a.Width}×{a.Height} against {b.Width}×{b.Height}", nameof(b));
        }

        var sum = 0.0;
        var left = a.Planes;
        var right = b.Planes;
        for (var i = 0; i < left.Length; i++)
        {
            var d = left[i] - right[i];
            sum += d * d;
        }
        var mse = sum / left.Length;
        return mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
    }
}
