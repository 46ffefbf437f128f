namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// What the two hole fills (<see cref="PushPullFill"/>, <see cref="MirrorFill"/>) read their arguments by alike: the
/// checks, with one message each, and a pixel's confidence as a weight.
/// </summary>
internal static class HoleFillArguments
{
    /// <summary>Throws unless <paramref name="confidence"/> has one value per pixel and <paramref name="destination"/> is the image's size.</summary>
    public static void Check(RgbImage image, ReadOnlySpan<float> confidence, RgbImage destination)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(destination);
        var pixels = image.Width * image.Height;
        if (confidence.Length != pixels)
        {
            throw new ArgumentException($"confidence has {confidence.Length} values, a {image.Width}×{image.Height} image needs {pixels}", nameof(confidence));
        }
        if (destination.Width != image.Width || destination.Height != image.Height)
        {
            throw new ArgumentException($"destination is {destination.Width}×{destination.Height}, the image {image.Width}×{image.Height}", nameof(destination));
        }
    }

    /// <summary>A pixel's confidence as the fills weigh it: clamped to [0, 1], NaN counting as 0 (no data).</summary>
    public static float Weight(float confidence) => float.IsNaN(confidence) ? 0f : Math.Clamp(confidence, 0f, 1f);
}
