using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Bundles;

/// <summary>Turns an RGB24 crop into the encoder's NCHW float input, value = (byte · scale − mean[c]) / std[c].</summary>
internal static class ImageTensor
{
    /// <summary>Writes the 3 × width × height values into the start of <paramref name="tensor"/>.</summary>
    public static void Fill(RgbImage crop, ImageInputSpec spec, Span<float> tensor)
    {
        var plane = crop.Width * crop.Height;
        if (tensor.Length < 3 * plane)
        {
            throw new ArgumentException($"tensor has {tensor.Length} floats, a {crop.Width}×{crop.Height} crop needs {3 * plane}", nameof(tensor));
        }
        Span<float> gain = [spec.Scale / spec.Std[0], spec.Scale / spec.Std[1], spec.Scale / spec.Std[2]];
        Span<float> offset = [-spec.Mean[0] / spec.Std[0], -spec.Mean[1] / spec.Std[1], -spec.Mean[2] / spec.Std[2]];
        var pixels = crop.Pixels;
        for (var i = 0; i < plane; i++)
        {
            for (var c = 0; c < 3; c++)
            {
                tensor[c * plane + i] = pixels[i * 3 + c] * gain[c] + offset[c];
            }
        }
    }
}
