using OpenCvSharp;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Imaging;

/// <summary>
/// Resamples an <see cref="RgbImage"/> through an affine map with bilinear filtering (<see cref="BilinearSample"/>'s
/// filter, a whole image at a time, within OpenCV's 1/32-pixel fixed-point steps), through OpenCV's
/// <c>warpAffine</c> (replicated border: samples outside the source take the nearest edge pixel, no black bars inside
/// a face crop). When the map shrinks the source (a 1080p frame to a 128² detector input, say) each output pixel
/// averages an n×n grid of bilinear taps, n = the shrink factor rounded (at most 4), so detail does not alias into the
/// detector or the encoder: the warp goes to an n× larger image whose pixel centres are those taps, and an exact
/// n:1 box average (<c>resize</c>, INTER_AREA) brings it down. Below 1.5× plain bilinear filtering already covers the
/// footprint. OpenCV puts pixel centres at integers, <see cref="AffineTransform2D"/> at half-integers: the map handed
/// to OpenCV is shifted by ½ on both sides. <see cref="Warp"/> is also the <see cref="ImageResampler"/> the server
/// hands to the renderer's image background.
/// </summary>
public static class ImageWarp
{
    private const int MaxTapsPerAxis = 4;

    /// <summary>Fills <paramref name="destination"/>: pixel (x, y) samples the source at destinationToSource(x+½, y+½).</summary>
    public static void Warp(RgbImage source, RgbImage destination, AffineTransform2D destinationToSource)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var taps = Math.Clamp((int)MathF.Round(destinationToSource.Scale), 1, MaxTapsPerAxis);
        using var from = MatView.Of(source);
        using var to = MatView.Of(destination);
        if (taps == 1)
        {
            WarpInto(from, to, destinationToSource, 1);
            return;
        }
        using var fine = new Mat(destination.Height * taps, destination.Width * taps, MatType.CV_8UC3);
        WarpInto(from, fine, destinationToSource, taps);
        Cv2.Resize(fine, to, to.Size(), 0, 0, InterpolationFlags.Area);
    }

    /// <summary>
    /// <see cref="Warp"/> for a destination that covers most of the source at a reduced scale (the far layer's
    /// surround: three crop widths of the camera picture at a third of the crop's resolution): the whole source is
    /// box-averaged down by the shrink factor n once (INTER_AREA), then warped with one bilinear tap per pixel. The same
    /// footprint as n × n taps per destination pixel, for a fraction of the work when the destination has about as
    /// many pixels as the shrunk source (measured on the portrait's surround: see BackgroundBenchmarks).
    /// </summary>
    public static void WarpShrinkingFirst(RgbImage source, RgbImage destination, AffineTransform2D destinationToSource)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var shrink = Math.Max(1, (int)MathF.Round(destinationToSource.Scale));
        int width = Math.Max(1, source.Width / shrink), height = Math.Max(1, source.Height / shrink);
        if (shrink == 1 || width < 2 || height < 2)
        {
            Warp(source, destination, destinationToSource);
            return;
        }
        using var from = MatView.Of(source);
        using var shrunk = new Mat(height, width, MatType.CV_8UC3);
        Cv2.Resize(from, shrunk, shrunk.Size(), 0, 0, InterpolationFlags.Area);
        using var to = MatView.Of(destination);
        // Source pixel edges map to shrunk ones by the per-axis ratio (pixel centres at half-integers on both sides).
        var (sx, sy) = ((float)width / source.Width, (float)height / source.Height);
        var toShrunk = new AffineTransform2D(sx, 0, 0, sy, 0, 0).After(destinationToSource);
        WarpInto(shrunk, to, toShrunk, 1);
    }

    /// <summary>
    /// <see cref="Warp"/> for one float per pixel (a matte: <paramref name="source"/>, <paramref name="sourceWidth"/> ×
    /// <paramref name="sourceHeight"/> row-major, into <paramref name="destination"/>, <paramref name="size"/>²), bilinear
    /// with one tap: for a destination no finer than about the source's scale (a picture's matte into the surround).
    /// </summary>
    public static void WarpValues(float[] source, int sourceWidth, int sourceHeight, float[] destination, int size, AffineTransform2D destinationToSource)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfLessThan(source.Length, sourceWidth * sourceHeight, nameof(source));
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, size * size, nameof(destination));
        using var from = Mat.FromPixelData(sourceHeight, sourceWidth, MatType.CV_32FC1, source);
        using var to = Mat.FromPixelData(size, size, MatType.CV_32FC1, destination);
        WarpInto(from, to, destinationToSource, 1);
    }

    /// <summary>A new <paramref name="size"/>² image of the square crop that <paramref name="destinationToSource"/> describes.</summary>
    public static RgbImage Crop(RgbImage source, AffineTransform2D destinationToSource, int size)
    {
        var destination = new RgbImage(size, size);
        Warp(source, destination, destinationToSource);
        return destination;
    }

    /// <summary>
    /// Warps into <paramref name="to"/>, whose pixel P (centre P + ½ in its own pixels) is the point (P + ½) / n of the
    /// destination: OpenCV's integer-centred map is P ↦ map((P + ½) / n) − ½.
    /// </summary>
    private static void WarpInto(Mat from, Mat to, AffineTransform2D map, int taps)
    {
        var n = (double)taps;
        using var matrix = new Mat(2, 3, MatType.CV_64FC1);
        matrix.Set(0, 0, map.A / n);
        matrix.Set(0, 1, map.B / n);
        matrix.Set(0, 2, map.Tx + (map.A + map.B) / (2 * n) - 0.5);
        matrix.Set(1, 0, map.C / n);
        matrix.Set(1, 1, map.D / n);
        matrix.Set(1, 2, map.Ty + (map.C + map.D) / (2 * n) - 0.5);
        // WarpInverseMap: the matrix maps destination to source, as ours does (OpenCV would invert it otherwise).
        Cv2.WarpAffine(from, to, matrix, to.Size(), InterpolationFlags.Linear | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
    }
}
