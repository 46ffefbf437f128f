namespace PortraitStream.Inference.Faces;

/// <summary>
/// Rounded caps over the stretches of person a picture's edge cuts, for continuing a matte past that edge
/// (<see cref="OutsideTheFrame"/>): over each stretch where the matte at the edge is the person's (≥ ½), the arc of a
/// circle through the stretch's ends that leaves them at the slope the person's outline crosses the edge with, at most
/// <c>longest</c> tall (taller arcs scaled down to that), so what the camera cut off ends in a dome, like the top of a
/// head, rather than in a slab: low where the edge only grazes a head's crown (its outline already closing in), up to a
/// half disc where it cuts straight across the widest hair. Positions and heights in picture pixels along and past the
/// edge.
/// </summary>
internal sealed class EdgeCaps
{
    private const float Person = 0.5f;

    /// <summary>
    /// The steepest outline slope an arc is fitted to (a rise of 20 per pixel inward): an outline that does not close in
    /// toward the edge (straight sides, or widening past it) gets the half disc.
    /// </summary>
    private const float Steepest = 20f;

    /// <summary>The shallowest outline slope an arc is fitted to: an arc then stands 1/40 of its stretch's half-width.</summary>
    private const float Shallowest = 0.05f;

    /// <summary>Cap height over each whole picture pixel along the edge.</summary>
    private readonly float[] _height;

    private EdgeCaps(float[] height) => _height = height;

    /// <summary>
    /// The caps along an edge <paramref name="length"/> pixels long whose matte at pixel centre t + ½ is
    /// <paramref name="matteAt"/>(t + ½), and <paramref name="depth"/> pixels inside the picture
    /// <paramref name="matteInside"/>(t + ½): how far each stretch widens over that depth gives its outline's slope. No
    /// cap reaches past <paramref name="room"/>(t + ½), how far the crop goes on past the edge there: a cap the crop's
    /// own edge cut off would leave the person at that edge, which the relief carries on past the crop as a flat-topped
    /// block (<see cref="Relief.V2.ReliefV2Geometry"/>), a nub on the head.
    /// </summary>
    public static EdgeCaps Along(int length, float longest, Func<float, float> matteAt, float depth, Func<float, float> matteInside, Func<float, float> room)
    {
        var height = new float[length];
        var inside = Stretches(length, matteInside, 2f * depth);
        foreach (var (from, to) in Stretches(length, matteAt, 2f * depth))
        {
            var fits = Enumerable.Range(from, to - from).Min(t => room(t + 0.5f));
            Dome(height, from, to, MathF.Max(0f, MathF.Min(longest, fits)), Slope(from, to, depth, inside));
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

    /// <summary>
    /// The runs [from, to) of pixels along an edge whose matte is the person's, joined across gaps narrower than
    /// <paramref name="bridge"/>: the matte's one row at a crown has gaps between strands of hair, and a cap over each
    /// strand stood a few pixels tall with the head's middle left bare.
    /// </summary>
    private static List<(int From, int To)> Stretches(int length, Func<float, float> matteAt, float bridge)
    {
        var runs = new List<(int From, int To)>();
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
                if (runs.Count > 0 && start - runs[^1].To < bridge)
                {
                    runs[^1] = (runs[^1].From, t);
                }
                else
                {
                    runs.Add((start, t));
                }
                start = -1;
            }
        }
        return runs;
    }

    /// <summary>
    /// The outline's rise per pixel along the edge where stretch [<paramref name="from"/>, <paramref name="to"/>) crosses
    /// it: <paramref name="depth"/> over how far the run <paramref name="inside"/> that holds the stretch's middle reaches
    /// past it on each side, averaged; <see cref="Steepest"/> where it does not reach past it.
    /// </summary>
    private static float Slope(int from, int to, float depth, List<(int From, int To)> inside)
    {
        var middle = (from + to) / 2;
        foreach (var (insideFrom, insideTo) in inside)
        {
            if (insideFrom <= middle && middle < insideTo)
            {
                var widening = ((from - insideFrom) + (insideTo - to)) / 2f;
                return widening > depth / Steepest ? MathF.Max(Shallowest, depth / widening) : Steepest;
            }
        }
        return Steepest;
    }

    /// <summary>
    /// The arc over pixels [<paramref name="from"/>, <paramref name="to"/>) of the circle through its ends whose tangent
    /// there rises <paramref name="slope"/> per pixel: a half-width a, radius a·√(1 + 1/slope²), its centre a / slope
    /// below the edge; scaled down to at most <paramref name="longest"/> tall.
    /// </summary>
    private static void Dome(float[] height, int from, int to, float longest, float slope)
    {
        var half = (to - from) / 2f;
        var centre = from + half;
        var below = half / slope;
        var radius = MathF.Sqrt(half * half + below * below);
        var scale = MathF.Min(1f, longest / MathF.Max(radius - below, 1e-6f));
        for (var t = from; t < to; t++)
        {
            var d = t + 0.5f - centre;
            height[t] = scale * MathF.Max(0f, MathF.Sqrt(MathF.Max(0f, radius * radius - d * d)) - below);
        }
    }
}
