namespace PortraitStream.Renderer.Imaging;

/// <summary>
/// Fills <paramref name="destination"/> from <paramref name="source"/> through an affine map: pixel (x, y) samples
/// the source at destinationToSource(x + ½, y + ½) with <see cref="BilinearSample"/>'s filter, averaging several taps
/// where the map shrinks the source so that detail does not alias. The renderer's image background resamples its
/// picture through one of these, handed in by whoever read the picture (the server passes <c>ImageWarp.Warp</c>,
/// OpenCV's warp), so the renderer itself needs no image library.
/// </summary>
public delegate void ImageResampler(RgbImage source, RgbImage destination, AffineTransform2D destinationToSource);
