using PortraitStream.Inference.Relief.Onnx;

namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// Builds, as ONNX nodes, relief v2's body on the XY plane's texel grid from the face mesh and the person matte: the
/// person's mid-plane depth c and half-thickness h(x, y), so the solid is c − h &lt; z &lt; c + h.
/// <list type="bullet">
/// <item>The face: the 468 landmarks lifted into the world through the default camera (their x, y as the crop saw them,
/// their depth from the mesh's z), interpolated onto the grid by Gaussian-weighted averaging (Nadaraya–Watson; separable
/// weights, so the sums are two matrix products) — the person's own nose, eye sockets, cheeks, lips and jaw.</item>
/// <item>Everything else the matte calls the person (hair, head beyond the mesh, neck, shoulders): the matte's
/// silhouette inflated, h = T·√interior with interior rising from 0 at the matte's edge to 1 a reach inside it, so
/// edges are round and meet the back surface instead of a wall.</item>
/// <item>From the ears down, each texel row rounded to at most an ellipse across the row's person
/// (<see cref="ReliefV2RoundBody"/>): a cylinder of a neck, a torso that closes before the box's side.</item>
/// <item>Outside the person the column is empty (h &lt; 0, falling continuously through 0 at the matte's ½): the
/// background is not in the volume (the background layer composites it), so a turned view never stretches the person's
/// edge across the room.</item>
/// </list>
/// Behind the plane of the face's sides (c below) the head is the matte's inflation again, the hair's smooth dome,
/// whatever face is in front of it: the back of the head does not mirror the face.
/// c is the depth of the mesh's face-side landmarks (MediaPipe's canonical face puts them 5.6 cm behind the eye
/// corners, close to the head's centre; from the ears down it moves forward where the solid behind the front is
/// thinned), T is 0.55 × the face's width (forehead and hair stand about that far in front
/// of that plane).
/// </summary>
internal sealed class ReliefV2Geometry(OnnxGraph graph, ReliefOptions options, ReliefV2Surround? surround = null)
{
    /// <summary>
    /// The body: mid-plane depth c, half-thickness h and front surface c + h (each [1, 1, R, R], h &lt; 0 in empty
    /// columns), and where the face mesh covers the texel (1, else 0: <see cref="MeshClaim"/>).
    /// </summary>
    public sealed record Body(GraphValue Centre, GraphValue HalfThickness, GraphValue Front, GraphValue IsFace);

    // MediaPipe face-mesh landmarks: outer eye corners, the face's sides at ear level and the jaw's corners.
    private const int RightEyeOuter = 33, LeftEyeOuter = 263, RightFaceSide = 234, LeftFaceSide = 454, RightJaw = 172, LeftJaw = 397;

    /// <summary>Gaussian σ of a landmark's weight (world units, ≈ 0.9 cm): about the mesh's spacing on the cheeks.</summary>
    private const float LandmarkSpread = 0.018f;

    /// <summary>Weight sum at which the face covers half a texel; inside the mesh the sum is ≈ 3.</summary>
    private const float CoverageHalf = 0.3f;

    /// <summary>
    /// How far the matte's edge drops per unit beyond the crop's left and right edges (crop units): a shoulder the crop
    /// cuts continues sloping down instead of as a flat-topped slab out to the box's side.
    /// </summary>
    private const float ShoulderDroop = 1f;

    /// <summary>
    /// Beyond the crop's top edge, and beyond its left and right edges at the ears and above (less so down to the jaw),
    /// how far (crop half-widths) the matte fades from the edge's value to 0: a person the edge cuts there ends ≈ 0.05
    /// crop widths past it.
    /// </summary>
    private const float CapReach = 0.2f;

    /// <summary>Side of the coarse grid the matte is blurred on (cheap: a 17² box filter over 64²).</summary>
    private const int MatteGrid = 64;

    /// <summary>How far inside the matte's edge the inflation reaches full thickness (world units, ≈ 6 cm).</summary>
    private const float InflationReach = 0.12f;

    /// <summary>
    /// Coverage above which a texel counts as the face, for the fills that treat face and hair differently.
    /// </summary>
    private const float MeshClaim = 0.9f;

    private const float HeadDepthPerFaceWidth = 0.55f;

    /// <summary>
    /// How much deeper than the mesh the face is built. The mesh's own depth has a face's proportions (its z against
    /// MediaPipe's canonical face: 1.05–1.07 of its x and y on both committed portraits), but the face mesh reads renders
    /// of a face at that depth as turned well short of the view's turn (6–9° short at ±30°, perf/RESULTS-fidelity.md),
    /// so the face's shape is deepened (not its tilt: <see cref="TiltPlane"/>). With it, and the depths compensated for the interpolation's flattening
    /// (<see cref="Compensated"/>), the ±30° views read within 2.7° of <see cref="Renderer.Camera.ViewTurn"/>'s turn
    /// and the ±15° ones within 1.7°. A shallower face scores higher identity only because it looks less turned; at an
    /// equal turn as the mesh reads it, identity is the same (perf/RESULTS-fidelity.md).
    /// </summary>
    internal const float MeshDepthGain = 1.35f;

    /// <summary>
    /// Half-thickness per unit of person probability across the silhouette (world units): ± 0.02 at 0.02 either side
    /// of the ½ crossing, −0.5 in the room.
    /// </summary>
    private const float EdgeSlope = 1f;

    /// <summary>
    /// Thinnest body a person column gets (world units, ≈ 1 cm): a silhouette thinner than a sample step renders as
    /// speckle under stochastic sampling and flickers under any sampler.
    /// </summary>
    private const float MinHalfThickness = 0.02f;

    /// <summary>
    /// <paramref name="mesh"/>: [1, 1404] landmarks divided by the crop side ("mesh468"); <paramref name="matte"/>:
    /// [1, 1, S, S]; <paramref name="x"/>, <paramref name="y"/>: the texel centres as [1, 1, 1, R] and [1, 1, R, 1].
    /// </summary>
    public Body Build(GraphValue mesh, GraphValue matte, GraphValue x, GraphValue y)
    {
        long r = options.Resolution;
        var (lx, ly, lz) = Landmarks(mesh);
        var centre = Midpoint(lz, RightFaceSide, LeftFaceSide);
        var faceWidth = (Row(lx, LeftFaceSide) - Row(lx, RightFaceSide)).Unary("Abs");
        var depthScale = (faceWidth * HeadDepthPerFaceWidth).Max(0.05f).Min(0.3f);

        var (faceDepth, coverage) = Interpolate(lx, ly, lz, r);
        var earY = Midpoint(ly, RightFaceSide, LeftFaceSide);
        var jawY = Midpoint(ly, RightJaw, LeftJaw);
        var sides = new SideEdges(earY, jawY);
        var matteOnGrid = SampleMatte(matte, x, y, centre, r, sides);
        var interior = ((Blurred(matte, centre, r, sides) - 0.5f) * 2f).Clip(0f, 1f);
        var round = new ReliefV2RoundBody(graph, options, matteOnGrid, x, y, depthScale, earY, jawY);
        var body = round.Front(depthScale * interior.Unary("Sqrt"));
        var limit = options.BoxWarp * 0.45f;
        var half = (coverage * (faceDepth - centre) + (1f - coverage) * body)
            .Max(MinHalfThickness).Min(limit - centre).Min(centre + limit);
        var front = centre + half;
        // The solid behind the front: as deep behind the mid-plane as the matte's inflation (the hair's own depth), thinner
        // at the sides from the ears down. Mirroring the front there put the face's relief on the back of the head: it
        // stood shallow behind the cheeks, so a view turned 30° drew the head's near side narrower than the skull behind
        // the ear would (identity −0.02 on grace-hopper.jpg at −30°), and from 60° on a second nose and chin stood out
        // behind the ear (perf/RESULTS-fidelity.md, 2026-12-05).
        var behind = options.RoundBackOfHead
            ? round.Behind((half + body.Min(centre + limit)) * 0.5f).Max(MinHalfThickness)
            : round.Behind(half).Max(MinHalfThickness).Min(half);
        // The matte alone draws the silhouette: the mesh's outline runs a little outside the jaw and cheeks, and where
        // it claimed the room between jaw and hair as person, a turned view showed that strip as a wall beside the face
        // (both committed portraits). h falls through 0 where the person's probability crosses ½ and is negative (an
        // empty column) beyond, continuously: a silhouette interpolated between texels is a thin wedge with a definite
        // edge, not an aliased sliver between a full column and an empty one.
        var occupied = behind.Min((matteOnGrid - 0.5f) * EdgeSlope);
        var isFace = graph.Op("Cast", [graph.Op("Greater", [coverage, graph.Scalar(MeshClaim)])], new OnnxGraph.Attribute("to", Int: OnnxGraph.Float));
        return new Body(front - behind, occupied, front, isFace);
    }

    /// <summary>1 where a column of <paramref name="half"/> (the body's half-thickness) is empty (h ≤ 0), 0 in the person.</summary>
    public static GraphValue Empty(GraphValue half) => (half * -1e6f).Clip(0f, 1f);

    /// <summary>The landmarks in world units as [468, 1] columns x, y, z (y up, z toward the default camera).</summary>
    private (GraphValue X, GraphValue Y, GraphValue Z) Landmarks(GraphValue mesh)
    {
        var points = graph.Op("Reshape", [mesh, graph.Int64Tensor(Faces.Mesh.FaceMesh.LandmarkCount, 3)]);
        var (u, v, w) = (Column(points, 0), Column(points, 1), Column(points, 2));
        // The mesh's z is on x's scale (crop sides here): the outer eye corners go onto the face plane, and a crop side
        // there spans (radius − FacePlaneZ) / f world units. The face's shape is deepened by the gain; its tilt (the
        // head's own turn) is kept as it is.
        GraphValue relative;
        if (options.FaithfulFaceDepth)
        {
            var tilt = TiltPlane(u, v, w);
            var shape = w - tilt;
            relative = (tilt - AtEyes(tilt)) + (shape - AtEyes(shape)) * MeshDepthGain;
        }
        else
        {
            relative = (w - AtEyes(w)) * MeshDepthGain;
        }
        var z = options.FacePlaneZ - relative * ((options.CameraRadius - options.FacePlaneZ) / options.FocalLength);
        // Each landmark lies on the ray through its crop pixel, at its own depth.
        var spread = (options.CameraRadius - z) / options.FocalLength;
        return ((u - 0.5f) * spread, (0.5f - v) * spread, z);
    }

    /// <summary>The mean of <paramref name="column"/> (a value per landmark) at the two outer eye corners.</summary>
    private GraphValue AtEyes(GraphValue column) => Midpoint(column, RightEyeOuter, LeftEyeOuter);

    /// <summary>The mean of <paramref name="column"/> (a value per landmark) at landmarks <paramref name="a"/> and <paramref name="b"/>.</summary>
    private GraphValue Midpoint(GraphValue column, int a, int b) => (Row(column, a) + Row(column, b)) * 0.5f;

    /// <summary>
    /// The least-squares plane w = a·u + b·v + c through the landmarks (crop coordinates), at each landmark: the head's
    /// tilt toward the camera, which the depth gain is kept off. A turned face's far side lies deeper by the turn
    /// itself, and deepened with the shape it became a further turn: the Gaze view, which turns back by what the
    /// tracker reads, left the committed portraits turned by ±25° up to 7.6° short, 4.3° with the tilt kept
    /// (`perf -- gaze`, perf/RESULTS-fidelity.md). A frontal face's plane is nearly flat, and its picture nearly unchanged.
    /// </summary>
    private GraphValue TiltPlane(GraphValue u, GraphValue v, GraphValue w)
    {
        GraphValue Mean(GraphValue x) => graph.Op("ReduceSum", [x]) * (1f / Faces.Mesh.FaceMesh.LandmarkCount);
        var (cu, cv, mean) = (u - Mean(u), v - Mean(v), Mean(w));
        var cw = w - mean;
        var (suv, suw, svw) = (Mean(cu * cv), Mean(cu * cw), Mean(cv * cw));
        // The normal equations' 2 × 2 solve, ridged by a thousandth of the spread: a face spans both directions and its
        // slopes shrink by 0.1 %, while a mesh collapsed onto a point or a line (a broken input) gets a flat plane, not NaN.
        var (uu, vv) = (Mean(cu * cu), Mean(cv * cv));
        var ridge = (uu + vv) * 1e-3f + 1e-12f;
        var (suu, svv) = (uu + ridge, vv + ridge);
        var determinant = suu * svv - suv * suv;
        var a = (suw * svv - svw * suv) / determinant;
        var b = (svw * suu - suw * suv) / determinant;
        return mean + a * cu + b * cv;
    }

    /// <summary>
    /// Σ wᵢ zᵢ / Σ wᵢ with wᵢ = gᵢ(x)·gᵢ(y) Gaussian, on the R × R grid, and the coverage Σ wᵢ / (Σ wᵢ + half): the face
    /// depth where the mesh is, fading out a few σ beyond its outline.
    /// </summary>
    private (GraphValue Depth, GraphValue Coverage) Interpolate(GraphValue lx, GraphValue ly, GraphValue lz, long r)
    {
        var centres = graph.Tensor(ReliefGraph.TexelCentres(options), 1, r);
        var gx = Gaussian(centres - lx);                        // [468, R]: landmark i's weight along x
        var gy = graph.Op("Transpose", [Gaussian(centres - ly)]); // [R, 468]
        var weight = graph.Op("MatMul", [gy, gx]);               // [R (y), R (x)]
        var weighted = graph.Op("MatMul", [gy, gx * (options.FaithfulFaceDepth ? Compensated(lx, ly, lz) : lz)]);
        var shape = graph.Int64Tensor(1, 1, r, r);
        var depth = graph.Op("Reshape", [weighted / (weight + 1e-12f), shape]);
        var coverage = graph.Op("Reshape", [weight / (weight + CoverageHalf), shape]);
        return (depth, coverage);
    }

    /// <summary>
    /// The landmarks' depths with what the interpolation takes off them added back once (one Richardson step toward
    /// depths whose average at each landmark is the landmark's own): z + (z − S z), S z being each landmark's Gaussian
    /// average over its neighbours, as <see cref="Interpolate"/> averages the surface there. The average flattens the
    /// face where the landmarks are dense and their depths change fast (nose, eyes, lips): the committed portrait's
    /// surface stood at 0.53 of the mesh's relief within 0.4 of the face's half-width from the nose tip and 0.74 within
    /// 0.8; with this, 0.66 and 0.86. A second step deepens them further, but its views read less like the person at
    /// the same turn (perf/RESULTS-fidelity.md).
    /// </summary>
    private GraphValue Compensated(GraphValue lx, GraphValue ly, GraphValue lz)
    {
        var neighbours = Gaussian(lx - graph.Op("Transpose", [lx])) * Gaussian(ly - graph.Op("Transpose", [ly])); // [468, 468]
        var averaged = graph.Op("MatMul", [neighbours, lz]) / graph.Op("ReduceSum", [neighbours, graph.Int64Tensor(1)], new OnnxGraph.Attribute("keepdims", Int: 1));
        return lz + (lz - averaged);
    }

    /// <summary>
    /// The Gaussian's exponent below which a weight is taken as 0 (beyond ≈ 7.7 σ, a weight under 10⁻¹³). ONNX Runtime's
    /// Exp does not flush to zero: the far landmarks' weights came out as denormal floats, and the interpolation's
    /// matrix products over them ran about ten times slower than over normal numbers (perf `encoder-cost`: 38 ms of
    /// node time a frame under load, a third of the encoder). Weights this small are below a float's resolution of the
    /// face's weight sums (≈ 3) and move the coverage outside the face by less than 10⁻¹².
    /// </summary>
    private const float NegligibleExponent = -30f;

    private GraphValue Gaussian(GraphValue offset)
    {
        var exponent = offset.Square() * (-0.5f / (LandmarkSpread * LandmarkSpread));
        var negligible = graph.Op("Less", [exponent, graph.Scalar(NegligibleExponent)]);
        return graph.Op("Where", [negligible, graph.Scalar(0f), exponent.Unary("Exp")]);
    }

    /// <summary>World y (up) of the face's sides at ear level and of the jaw's corners ([1, 1] each).</summary>
    private sealed record SideEdges(GraphValue EarY, GraphValue JawY);

    /// <summary>
    /// The matte at each point of a <paramref name="side"/>² grid (<paramref name="x"/> along columns, <paramref name="y"/>
    /// along rows), seen through the default camera at <paramref name="depth"/>; beyond the crop's edge the edge
    /// continues (a torso cut by the crop's bottom goes on down), beyond its sides lowered by <see cref="ShoulderDroop"/>
    /// and, from the jaw up (<paramref name="edges"/>), fading out within <see cref="CapReach"/>, as it does past the top;
    /// where the camera picture around the crop reaches, the picture's matte there instead (<see cref="ReliefV2Surround"/>).
    /// </summary>
    private GraphValue SampleMatte(GraphValue matte, GraphValue x, GraphValue y, GraphValue depth, long side, SideEdges edges)
    {
        var scale = 2f * options.FocalLength / (options.CameraRadius - depth);
        var gridShape = graph.Int64Tensor(1, side, side, 1);
        var full = graph.Op("Expand", [graph.Scalar(0f), graph.Int64Tensor(1, 1, side, side)]);
        var across = x * scale;
        var gx = graph.Op("Reshape", [across + full, gridShape]);
        // How far past the crop's left or right edge each column lies (crop half-widths, 0 inside), on the columns alone;
        // as a [1, 1, side, 1] column it runs along the grid's x.
        var beyondSide = (across.Unary("Abs") - 1f).Max(0f);
        var gy = graph.Op("Reshape", [-y * scale + full, gridShape]) - graph.Op("Reshape", [beyondSide, graph.Int64Tensor(1, 1, side, 1)]) * ShoulderDroop;
        var sampled = graph.Op("GridSample", [matte, ReliefGraph.Concat(graph, 3, gx, gy)],
            new OnnxGraph.Attribute("align_corners", Int: 0),
            new OnnxGraph.Attribute("mode", Text: "bilinear"),
            new OnnxGraph.Attribute("padding_mode", Text: "border"));
        var continued = options.CapEdgesAboveJaw ? Capped(sampled, y, scale, beyondSide, edges) : sampled;
        // Where the camera picture around the crop is known, the person past the crop's edge is where its matte says.
        return surround?.Matte(continued, x, y, scale, (int)side) ?? continued;
    }

    /// <summary>
    /// <paramref name="sampled"/> (the crop's matte continued past its edge) faded out past the crop's top (rows at
    /// world height <paramref name="y"/>, <paramref name="scale"/> crop half-widths per world unit) and past its sides
    /// (<paramref name="beyondSide"/>: how far) from the jaw up (<paramref name="edges"/>).
    /// </summary>
    private static GraphValue Capped(GraphValue sampled, GraphValue y, GraphValue scale, GraphValue beyondSide, SideEdges edges)
    {
        // From the jaw up, what the crop's side cuts is not a shoulder that goes on: hair spread wide, an ear, a raised
        // hand, the next person's head. Continued, it stood out to the box's side as a slab of its edge's streaked
        // colours, whose flat end a view turned 30° toward it drew as a block beside the face (photos of people off the
        // crop's centre, perf/RESULTS-fidelity.md). Past the top, a bun or big hair the crop's top cuts stood up to the
        // box's top as a column a view from below drew above the head. There the person fades out just past the crop
        // and the inflation rounds it off; beside the face fully at the ears, from the jaw down (shoulders, a torso) not
        // at all. The factors on the grid's row and column vectors alone, multiplied out once: full-grid arithmetic here
        // cost 1 ms of the encoder's 12.
        var aboveJaw = ((y - edges.JawY) / (edges.EarY - edges.JawY).Max(1e-3f)).Clip(0f, 1f);
        var pastSide = (beyondSide * (1f / CapReach)).Clip(0f, 1f);
        var pastTop = ((y * scale - 1f) * (1f / CapReach)).Clip(0f, 1f);
        return sampled - sampled * (aboveJaw * pastSide).Max(pastTop);
    }

    /// <summary>The matte box-blurred over ± <see cref="InflationReach"/> on a coarse grid, upsampled to R × R.</summary>
    private GraphValue Blurred(GraphValue matte, GraphValue depth, long r, SideEdges edges)
    {
        var centres = ReliefGraph.TexelCentres(MatteGrid, options.BoxWarp);
        var coarse = SampleMatte(matte, graph.Tensor(centres, 1, 1, 1, MatteGrid), graph.Tensor(centres, 1, 1, MatteGrid, 1), depth, MatteGrid, edges);
        var reach = (long)MathF.Round(InflationReach * MatteGrid / options.BoxWarp);
        var blurred = graph.Op("AveragePool", [coarse],
            new OnnxGraph.Attribute("kernel_shape", Ints: [2 * reach + 1, 2 * reach + 1]),
            new OnnxGraph.Attribute("pads", Ints: [reach, reach, reach, reach]),
            new OnnxGraph.Attribute("count_include_pad", Int: 0));
        return graph.Op("Resize", [blurred, graph.Tensor([], 0), graph.Tensor([], 0), graph.Int64Tensor(1, 1, r, r)],
            new OnnxGraph.Attribute("mode", Text: "linear"));
    }

    private GraphValue Column(GraphValue points, long index) =>
        graph.Op("Gather", [points, graph.Int64Tensor(index)], new OnnxGraph.Attribute("axis", Int: 1));

    /// <summary>Landmark <paramref name="index"/>'s value of a [468, 1] column, as [1, 1].</summary>
    private GraphValue Row(GraphValue column, long index) =>
        graph.Op("Gather", [column, graph.Int64Tensor(index)], new OnnxGraph.Attribute("axis", Int: 0));
}
