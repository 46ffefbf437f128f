using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// The squares the detector searches at twice the zoom when the whole-image pass finds no face: each half the image's
/// longer side, spaced at most half a side apart, so together they cover the image and any face up to half a tile wide
/// lies wholly inside one of them. Six for a 16:9 or 4:3 frame, nine for a square one.
/// </summary>
internal static class ZoomedSearchTiles
{
    /// <summary>For each tile, the map from detector input pixels (<paramref name="inputSize"/>²) to image pixels.</summary>
    public static IEnumerable<AffineTransform2D> Covering(int width, int height, int inputSize)
    {
        var side = Math.Max(width, height) / 2f;
        var scale = side / inputSize;
        foreach (var y in Origins(height, side))
        {
            foreach (var x in Origins(width, side))
            {
                yield return new AffineTransform2D(scale, 0, 0, scale, x, y);
            }
        }
    }

    /// <summary>
    /// Tile origins along an axis <paramref name="length"/> long: evenly spread from one end to the other, at most half
    /// a side apart; one tile, centred, when the axis is no longer than a tile (the rest is padding, as in a letterbox).
    /// </summary>
    private static IEnumerable<float> Origins(int length, float side)
    {
        if (length <= side)
        {
            yield return (length - side) / 2;
            yield break;
        }
        var count = (int)MathF.Ceiling((length - side) / (side / 2)) + 1;
        for (var i = 0; i < count; i++)
        {
            yield return (length - side) * i / (count - 1);
        }
    }
}
