using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// The person's own colour at the matte's edge. Crop pixels the matte is unsure of (between ½ and
/// <see cref="Confident"/>) are part room: the photo mixed them, and relief v2 gives each such texel a body, so a turned
/// view shows the room's colour stretched over the side of the neck, the jaw or the hair as a wall of streaks. Those
/// pixels take, in proportion to their doubt, the colour of the nearest confident person pixels instead: a push–pull
/// fill (Gortler et al., "The Lumigraph", SIGGRAPH 1996) of the crop weighted by confidence — averaged down a 2×
/// pyramid, then filled back up level by level where a level has no confident pixel of its own. Only texels whose drawn
/// surface the default camera saw edge-on take it (the side walls a turn reveals): where the photo saw the unsure edge
/// head-on it shows what the photo shows (an object beside the person the matte half includes keeps its own colours).
/// </summary>
internal sealed class ReliefV2ForegroundColour(OnnxGraph graph, ReliefOptions options)
{
    /// <summary>Matte value from which a pixel's colour is taken as the person's own.</summary>
    private const float Confident = 0.9f;

    /// <summary>Matte value below which the colour is entirely the filled one (the body ends here anyway).</summary>
    private const float Doubtful = 0.5f;

    /// <summary>
    /// Share of the crop the matte must be confident about before the fill is used at all: where a failed segmentation
    /// is unsure everywhere, whatever body it leaves keeps the photo's colours rather than a fill from nothing (black).
    /// </summary>
    private const float MinPersonShare = 0.01f;

    /// <summary>Mean confidence at which a pyramid level's own average replaces the coarser fill completely.</summary>
    private const float FullCover = 0.25f;

    /// <summary>
    /// The texels' <paramref name="colour"/> ([1, 3, R, R], sampled from <paramref name="image"/> [1, 3, S, S] at
    /// <paramref name="front"/>) recoloured from the cleaned crop where the drawn <paramref name="surface"/> is seen
    /// edge-on; the matte <paramref name="matte"/> is [1, 1, S, S].
    /// </summary>
    public GraphValue Apply(GraphValue image, GraphValue matte, GraphValue colour, GraphValue front, FrontSurface surface)
    {
        var cleaned = ReliefGraph.SampleCrop(graph, Cleaned(image, matte), surface.X, surface.Y, front, options);
        return colour + surface.EdgeOn() * (cleaned - colour);
    }

    /// <summary><paramref name="image"/> with its unsure pixels recoloured from the confident ones.</summary>
    private GraphValue Cleaned(GraphValue image, GraphValue matte)
    {
        var confidence = ((matte - Confident) * (1f / (1f - Confident))).Clip(0f, 1f);
        var (filled, personShare) = PushPull(image * confidence, confidence, options.ImageSize);
        var keep = ((matte - Doubtful) * (1f / (Confident - Doubtful))).Clip(0f, 1f);
        var trusted = (personShare * (1f / MinPersonShare)).Clip(0f, 1f);
        return image + trusted * (1f - keep) * (filled - image);
    }

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
