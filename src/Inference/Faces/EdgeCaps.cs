namespace PortraitStream.Inference.Faces;

/// <summary>
/// Rounded caps over the stretches of person a picture's edge cuts, for continuing a matte past that edge
/// (<see cref="OutsideTheFrame"/>): over each stretch where the matte at the edge is the person's (≥ ½), a half ellipse
/// as wide as the stretch and half as tall (at most <c>longest</c>), so what the camera cut off ends in a dome, like
/// the top of a head, rather than in a slab. Positions and heights in picture pixels along and past the edge.
/// </summary>
internal sealed class EdgeCaps
{
    private const float Person = 0.5f;

    /// <summary>Cap height over each whole picture pixel along the edge.</summary>
    private readonly float[] _height;

    private EdgeCaps(float[] height) => _height = height;

    /// <summary>
    /// The caps along an edge <paramref name="length"/> pixels long whose matte at pixel centre t + ½ is
    /// <paramref name="matteAt"/>(t + ½).
    /// </summary>
    public static EdgeCaps Along(int length, float longest, Func<float, float> matteAt)
    {
        var height = new float[length];
        var start = -1;
        for (var t = 0; t <= length; t++)
        {
            var person = t < length && matteAt(t + 0.5f) >= Person;
            if (person && start < 0)
            {
                start = t;
            }
            else if (!person && start >= 0)
            {
                Dome(height, start, t, longest);
                start = -1;
            }
        }
        return new EdgeCaps(height);
    }

    /// <summary>
    /// How far a point <paramref name="past"/> pixels beyond the edge, across from <paramref name="along"/>, lies under
    /// the caps: 1 well inside, 0 outside, a ramp <paramref name="soft"/> pixels wide at the cap's outline.
    /// </summary>
    public float Under(float along, float past, float soft)
    {
        var cap = _height[OutsideTheFrame.Index(along, _height.Length)];
        return Math.Clamp((cap - past) / soft + 0.5f, 0f, 1f);
    }

    /// <summary>A half ellipse over pixels [<paramref name="from"/>, <paramref name="to"/>): as wide, half as tall, at most <paramref name="longest"/>.</summary>
    private static void Dome(float[] height, int from, int to, float longest)
    {
        var half = (to - from) / 2f;
        var centre = from + half;
        var tall = MathF.Min(half, longest);
        for (var t = from; t < to; t++)
        {
            var d = (t + 0.5f - centre) / half;
            height[t] = tall * MathF.Sqrt(MathF.Max(0f, 1f - d * d));
        }
    }
}
