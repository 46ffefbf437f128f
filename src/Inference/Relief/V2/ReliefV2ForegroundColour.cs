using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// The person's own colour on the body's side walls. A turned view shows the side of each column at the silhouette
/// (the jaw, the neck, the hair) stretched over a few centimetres, in that column's one colour: where that colour is a
/// crop pixel at the matte's edge — part room, or a single hair strand — the side of the head becomes a wall of
/// horizontal streaks, one per texel row. The silhouette's outermost texels (an empty neighbour in their row or
/// column) take the colour of the person's interior instead: a push–pull fill (Gortler et al., "The Lumigraph",
/// SIGGRAPH 1996) of the crop pixels the matte is sure of and that lie at least <see cref="InteriorDivisor"/>-th of
/// the crop inside its edge — averaged down a 2× pyramid, then filled back up level by level where a level has no such
/// pixel of its own. Inside, the fill is the photo itself, so only the silhouette's outermost texels change; where the
/// photo saw the surface head-on it shows what the photo shows (an object beside the person the matte half includes
/// keeps its own colours).
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
    /// The wall's weight is averaged over ± resolution / this texels along the silhouette (± 2 at R = 256): down the rows
    /// on a side, across the columns on a top or bottom edge.
    /// </summary>
    private const int SmoothingDivisor = 128;

    /// <summary>
    /// The texels' <paramref name="colour"/> ([1, 3, R, R], sampled from <paramref name="image"/> [1, 3, S, S] at the
    /// texel centres <paramref name="x"/>, <paramref name="y"/> and <paramref name="front"/>) blended toward the cleaned
    /// crop on the silhouette's outermost texels (<see cref="WallWeight"/>; <paramref name="half"/> ≤ 0 in empty
    /// columns); the matte <paramref name="matte"/> is [1, 1, S, S].
    /// </summary>
    public GraphValue Apply(GraphValue image, GraphValue matte, GraphValue colour, GraphValue front, GraphValue half, GraphValue x, GraphValue y)
    {
        var cleaned = ReliefGraph.ExtendedCrop(graph, AlongColumns(Cleaned(image, matte)), options.ImageSize, options.V2MarginDivisor);
        return new ReliefV2SparseBlend(graph, options).Apply(colour, WallWeight(half), cleaned, x, y, front);
    }

    /// <summary>
    /// How much of the cleaned colour each texel takes (1 on a straight silhouette and in the empty columns beside the
    /// person, 0 inside it and in the room further out): a person
    /// texel with an empty neighbour in its row, that share averaged over ± a few rows of person texels in its column; and
    /// likewise across the columns for one with an empty neighbour above or below. Down the side of a head the silhouette
    /// is a staircase on the texel grid, stepping a column every few rows; a weight that switched per texel (the outermost
    /// one, or the one the default camera saw edge-on) put the boundary between the painted wall and the photo's own pixels
    /// at a different depth in each row, and a turned view, which stretches that wall across the side of the head, showed
    /// it as horizontal stripes (issue #12: grace-hopper at −30°). Averaged, the painted share changes gradually from row
    /// to row where the edge steps, and the wall blends between the two colours instead of switching. Not widened
    /// inward: the texel inside the outermost one is what the front view sees head-on (and an object the matte half
    /// includes keeps its own colours there).
    /// </summary>
    private GraphValue WallWeight(GraphValue half)
    {
        var empty = ReliefV2Geometry.Empty(half);
        var person = 1f - empty;
        var span = Math.Max(1, options.Resolution / SmoothingDivisor);
        // The share of person texels around each one (± rows, ± columns) that are outermost.
        GraphValue Smoothed(GraphValue outermost, int rows, int columns) =>
            Average(outermost, rows, columns) / (Average(person, rows, columns) + 1e-6f) * person;
        var side = Smoothed(ReliefGraph.MaxPool(graph, empty, rows: 0, columns: 1) * person, rows: span, columns: 0);
        var topOrBottom = Smoothed(ReliefGraph.MaxPool(graph, empty, rows: 1, columns: 0) * person, rows: 0, columns: span);
        // Empty texels within ± 2 of the person: never drawn themselves, but the decoder interpolates the plane, so
        // where the solid ends between a person texel and an empty one the side wall a turned view sees takes part of
        // the empty texel's colour — the room's — in a share that changes from row to row where the silhouette steps:
        // light streaks down a dark coat (issue #12: cameraman.png's nape and collar at −30°). ± 2, not ± 1: the live
        // sampler reads geometry at half resolution.
        var beside = ReliefGraph.MaxPool(graph, person, 2, 2) * empty;
        return side.Max(topOrBottom).Max(beside);
    }

    /// <summary><paramref name="image"/> where it is the person's interior, elsewhere the interior's colours pushed out.</summary>
    private GraphValue Cleaned(GraphValue image, GraphValue matte)
    {
        var confident = ((matte - Confident) * (1f / (1f - Confident))).Clip(0f, 1f);
        // Eroded: 1 − the maximum of 1 − confidence around each pixel.
        var radius = Math.Max(1, options.ImageSize / InteriorDivisor);
        var interior = 1f - ReliefGraph.MaxPool(graph, 1f - confident, radius, radius);
        var (filled, personShare) = PushPull(image * interior, interior, options.ImageSize);
        var trusted = (personShare * (1f / MinPersonShare)).Clip(0f, 1f);
        return image + trusted * (filled - image);
    }

    /// <summary>
    /// <paramref name="image"/> averaged over ± crop side / <see cref="StreakDivisor"/> rows: a side wall a turned view
    /// sees face-on shows each texel row's one colour stretched across it, and the row-to-row detail of the pixels at
    /// the matte's edge (an ear's shadow, a glasses arm, a strand) became horizontal streaks there.
    /// </summary>
    private GraphValue AlongColumns(GraphValue image) => Average(image, Math.Max(1, options.ImageSize / StreakDivisor), 0);

    /// <summary>
    /// The mean of <paramref name="value"/> ([1, C, H, W]) over ± <paramref name="rows"/> rows and ± <paramref name="columns"/>
    /// columns around each pixel, the same size; beyond the border only the pixels inside count.
    /// </summary>
    private GraphValue Average(GraphValue value, int rows, int columns) => graph.Op("AveragePool", [value],
        new OnnxGraph.Attribute("kernel_shape", Ints: [2 * rows + 1, 2 * columns + 1]),
        new OnnxGraph.Attribute("pads", Ints: [rows, columns, rows, columns]),
        new OnnxGraph.Attribute("count_include_pad", Int: 0));

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
