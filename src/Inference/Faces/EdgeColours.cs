using System.Numerics;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// The person's colour along one edge of a picture, for colouring what a matte continues past that edge
/// (<see cref="OutsideTheFrame"/>): at each pixel along the edge, the mean colour of the person's pixels just inside
/// it within <c>reach</c> pixels either way, weighted by the matte. Averaged along the edge, so carrying it outward
/// gives the hair's or the collar's colour without the streaks a repeated edge row makes.
/// </summary>
internal sealed class EdgeColours
{
    private readonly Vector3[] _colour;
    private readonly float[] _weight;

    private EdgeColours(Vector3[] colour, float[] weight) => (_colour, _weight) = (colour, weight);

    /// <summary>
    /// The colours along an edge <paramref name="length"/> pixels long; <paramref name="sample"/>(t) gives the colour
    /// and matte just inside the edge at pixel t (weight 0 where the crop does not reach).
    /// </summary>
    public static EdgeColours Along(int length, int reach, Func<int, (Vector3 Colour, float Matte)> sample)
    {
        // Prefix sums of matte-weighted colour and of the matte: each window's mean in two subtractions.
        var colourSum = new Vector3[length + 1];
        var weightSum = new float[length + 1];
        for (var t = 0; t < length; t++)
        {
            var (colour, matte) = sample(t);
            colourSum[t + 1] = colourSum[t] + matte * colour;
            weightSum[t + 1] = weightSum[t] + matte;
        }
        var mean = new Vector3[length];
        var weight = new float[length];
        for (var t = 0; t < length; t++)
        {
            int from = Math.Max(0, t - reach), to = Math.Min(length, t + reach + 1);
            weight[t] = weightSum[to] - weightSum[from];
            mean[t] = weight[t] > 1e-3f ? (colourSum[to] - colourSum[from]) / weight[t] : Vector3.Zero;
        }
        return new EdgeColours(mean, weight);
    }

    /// <summary>The person's colour across from <paramref name="along"/>, or null where no person is near.</summary>
    public Vector3? At(float along)
    {
        var t = OutsideTheFrame.Index(along, _colour.Length);
        return _weight[t] > 1e-3f ? _colour[t] : null;
    }
}
