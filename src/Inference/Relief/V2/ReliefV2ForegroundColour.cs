using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// The person's own colour on the body's side walls. A turned view shows the side of each column at the silhouette
/// (the jaw, the neck, the hair) stretched over a few centimetres, in that column's one colour: where that colour is a
/// crop pixel at the matte's edge — part room, or a single hair strand — the side of the head becomes a wall of
/// horizontal streaks, one per texel row. Texels whose drawn surface the default camera saw edge-on, and the texels
/// above and below them (a staircase silhouette shows the next row's second-to-last texel on the same wall), take the
/// colour of the person's interior instead where they are the silhouette's outermost texels: a push–pull fill
/// (Gortler et al., "The Lumigraph", SIGGRAPH 1996) of the crop pixels the matte is sure of and that lie at least
/// <see cref="InteriorDivisor"/>-th of the crop inside its edge — averaged down a 2× pyramid, then filled back up
/// level by level where a level has no such pixel of its own. Inside, the fill
/// is the photo itself, so only the silhouette's outermost texels change; where the photo saw the surface head-on it
/// shows what the photo shows (an object beside the person the matte half includes keeps its own colours).
/// </summary>
internal sealed class ReliefV2ForegroundColour(OnnxGraph graph, ReliefOptions options)
{
    /// <summary>Matte value from which a pixel's colour is taken as the person's own.</summary>
    private const float Confident = 0.9f;

    /// <summary>
    /// The fill's sources lie at least crop side / this inside the confident region (4 pixels at 256²): the selfie
    /// matte's edge runs a few pixels outside the person (its low-resolution output upsampled), so its last
    /// "confident" pixels still mix in the room or a single strand of hair, and drew light streaks along the jaw.
    /// </summary>
    private const int InteriorDivisor = 64;

    /// <summary>
    /// Share of the crop the matte must be confident about before the fill is used at all: where a failed segmentation
    /// is unsure everywhere, whatever body it leaves keeps the photo's colours rather than a fill from nothing (black).
    /// </summary>
    private const float MinPersonShare = 0.01f;

    /// <summary>The wall colours are averaged over ± crop side / this rows (± 8 pixels at 256²).</summary>
    private const int StreakDivisor = 32;

    /// <summary>Mean confidence at which a pyramid level's own average replaces the coarser fill completely.</summary>
    private const float FullCover = 0.25f;

    /// <summary>
    /// The texels' <paramref name="colour"/> ([1, 3, R, R], sampled from <paramref name="image"/> [1, 3, S, S] at
    /// <paramref name="front"/>) recoloured from the cleaned crop where the drawn <paramref name="surface"/> is seen
    /// edge-on or lies above or below such a texel, on the silhouette's outermost texels only (those within a texel of
    /// an empty column, <paramref name="half"/> ≤ 0); the matte <paramref name="matte"/> is [1, 1, S, S].
    /// </summary>
    public GraphValue Apply(GraphValue image, GraphValue matte, GraphValue colour, GraphValue front, GraphValue half, FrontSurface surface)
    {
        var cleaned = ReliefGraph.ExtendedCrop(graph, AlongColumns(Cleaned(image, matte)), options.ImageSize);
        // The edge-on texels and those just above and below them: down the side of a head the silhouette is a staircase,
        // and a turned view's wall takes its colour from both rows. Not sideways: the texel inside an edge-on one is
        // seen head-on by the front view (widening the ring there cost the front view 1 dB more and darkened anything
        // the matte joins to the person at its edge, such as the latency tests' code blocks).
        var edgeOn = MaxPool(surface.EdgeOn(), rows: 1, columns: 0);
        // Only at the silhouette itself: a texel's one colour is also what the front view shows head-on, and the body
        // rises steeply for several texels inside a soft matte edge (an object the matte scores 0.5–0.9 is edge-on over
        // much of its area), so "edge-on" alone repainted whole objects beside the person with its interior colour (a
        // white code block beside the shoulder turned dark grey in the front view). The wall a turned view stretches out
        // is the outermost texel, which the ring keeps.
        var empty = (half * -1e6f).Clip(0f, 1f);
        var outermost = MaxPool(empty, rows: 1, columns: 1) * (1f - empty);
        return new ReliefV2SparseBlend(graph, options).Apply(colour, edgeOn * outermost, cleaned, surface.X, surface.Y, front);
    }

    /// <summary><paramref name="image"/> where it is the person's interior, elsewhere the interior's colours pushed out.</summary>
    private GraphValue Cleaned(GraphValue image, GraphValue matte)
    {
        var confident = ((matte - Confident) * (1f / (1f - Confident))).Clip(0f, 1f);
        // Eroded: 1 − the maximum of 1 − confidence around each pixel.
        var radius = Math.Max(1, options.ImageSize / InteriorDivisor);
        var interior = 1f - MaxPool(1f - confident, radius, radius);
        var (filled, personShare) = PushPull(image * interior, interior, options.ImageSize);
        var trusted = (personShare * (1f / MinPersonShare)).Clip(0f, 1f);
        return image + trusted * (filled - image);
    }

    /// <summary>
    /// <paramref name="image"/> averaged over ± crop side / <see cref="StreakDivisor"/> rows: a side wall a turned view
    /// sees face-on shows each texel row's one colour stretched across it, and the row-to-row detail of the pixels at
    /// the matte's edge (an ear's shadow, a glasses arm, a strand) became horizontal streaks there.
    /// </summary>
    private GraphValue AlongColumns(GraphValue image)
    {
        var rows = Math.Max(1, options.ImageSize / StreakDivisor);
        return graph.Op("AveragePool", [image],
            new OnnxGraph.Attribute("kernel_shape", Ints: [2 * rows + 1, 1]),
            new OnnxGraph.Attribute("pads", Ints: [rows, 0, rows, 0]),
            new OnnxGraph.Attribute("count_include_pad", Int: 0));
    }

    /// <summary>
    /// The maximum of <paramref name="value"/> ([1, C, H, W]) over ± <paramref name="rows"/> rows and
    /// ± <paramref name="columns"/> columns around each pixel, the same size.
    /// </summary>
    private GraphValue MaxPool(GraphValue value, int rows, int columns) => graph.Op("MaxPool", [value],
        new OnnxGraph.Attribute("kernel_shape", Ints: [2 * rows + 1, 2 * columns + 1]),
        new OnnxGraph.Attribute("pads", Ints: [rows, columns, rows, columns]));

    /// <summary>
    /// The fill at <paramref name="side"/>²: the level's weighted average where its weights cover it, the next coarser
    /// level's fill (upsampled) where they do not, down to 1 × 1 (the mean colour of the confident pixels, so every
    /// level above has a colour everywhere); and that level's weight, the confident share of the crop.
    /// </summary>
    private (GraphValue Fill, GraphValue Share) PushPull(GraphValue weightedColour, GraphValue weight, long side)
    {
        var average = weightedColour / (weight + 1e-6f);
        if (side == 1)
        {
            return (average, weight);
        }
        OnnxGraph.Attribute[] halve = [new("kernel_shape", Ints: [2, 2]), new("strides", Ints: [2, 2])];
        var (coarser, share) = PushPull(graph.Op("AveragePool", [weightedColour], halve), graph.Op("AveragePool", [weight], halve), side / 2);
        var upsampled = graph.Op("Resize", [coarser, graph.Tensor([], 0), graph.Tensor([], 0), graph.Int64Tensor(1, 3, side, side)],
            new OnnxGraph.Attribute("mode", Text: "linear"));
        var cover = (weight * (1f / FullCover)).Clip(0f, 1f);
        return (upsampled + cover * (average - upsampled), share);
    }
}
