namespace PortraitStream.Renderer.Imaging;

/// <summary>The argument checks the two hole fills (<see cref="PushPullFill"/>, <see cref="MirrorFill"/>) share, with one message each.</summary>
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
}
