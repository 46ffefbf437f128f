using System.Globalization;
using System.Text;
using PortraitStream.Renderer.Camera;

namespace PortraitStream.Perf;

/// <summary>A turned view's readings at its own yaw and at the yaws around it (--equal-turn).</summary>
internal sealed record TurnSweep(CameraView View, IReadOnlyList<(float YawDegrees, ViewReading Reading)> Readings);

/// <summary>
/// Identity at an equal turn (`fidelity --equal-turn`). Identity falls as a face turns, so a view that reads less
/// turned than it is scores higher for that alone, and a change that deepens the face looks like a loss of likeness
/// (perf/RESULTS-fidelity.md, 2026-12-05). Each turned view is rendered again at yaws around its own; the face mesh reads
/// each one's turn, and identity is interpolated at the turn the view gives the face (<see cref="ViewTurn"/>).
/// </summary>
internal static class EqualTurnIdentity
{
    /// <summary>
    /// How far past the readings' turns identity is still extrapolated (degrees): a view reading 8° short of its turn
    /// even at +8° is too far off for a line through two readings to say what the face at its turn would score.
    /// </summary>
    public const float MaxExtrapolation = 4f;

    /// <summary>Yaws around each turned view's own at which it is rendered again (degrees, added to its yaw).</summary>
    public static readonly float[] Offsets = [-8f, -4f, 4f, 8f];

    /// <summary>
    /// Identity at the view's face turn, linear between the two readings whose read turns bracket it (beyond them,
    /// <paramref name="extrapolated"/>, at most <see cref="MaxExtrapolation"/> past the last reading, along the
    /// least-squares line through all the readings: the nearest two can read turns a fraction of a degree apart, and a
    /// line through them went to −1.6 at a turn 3° beyond); null with fewer than two readings the mesh could read, or
    /// with the turn further beyond them.
    /// </summary>
    public static float? At(ModelFidelity model, TurnSweep sweep, out float readTurn, out bool extrapolated)
    {
        (readTurn, extrapolated) = (float.NaN, false);
        var front = model.Views.First(v => v.View == CameraView.Front).Reading.Pose;
        if (front is null)
        {
            return null;
        }
        var sign = MathF.Sign(sweep.View.YawDegrees);
        var points = sweep.Readings.Where(r => r.Reading.FaceFound && r.Reading.Pose is not null)
            .Select(r => (Turn: sign * (r.Reading.Pose!.Value.YawDegrees - front.Value.YawDegrees), r.Reading.Similarity, r.YawDegrees))
            .OrderBy(p => p.Turn).ToList();
        var own = points.FirstOrDefault(p => p.YawDegrees == sweep.View.YawDegrees);
        readTurn = own == default ? float.NaN : sign * own.Turn;
        if (points.Count < 2)
        {
            return null;
        }
        var target = sign * model.Turn(sweep.View).Yaw;
        var above = points.FindIndex(p => p.Turn >= target);
        extrapolated = above <= 0;
        if (target < points[0].Turn - MaxExtrapolation || target > points[^1].Turn + MaxExtrapolation)
        {
            return null;
        }
        if (above < 0 || above == 0 && points[0].Turn > target)
        {
            return AlongFit(points.Select(p => (p.Turn, p.Similarity)).ToList(), target);
        }
        var (a, b) = (points[Math.Max(above, 1) - 1], points[Math.Max(above, 1)]);
        return b.Turn == a.Turn ? (a.Similarity + b.Similarity) / 2 : a.Similarity + (b.Similarity - a.Similarity) * (target - a.Turn) / (b.Turn - a.Turn);
    }

    /// <summary>The least-squares line through <paramref name="points"/> at <paramref name="turn"/> (their mean where all turns are equal).</summary>
    private static float AlongFit(List<(float Turn, float Similarity)> points, float turn)
    {
        var (meanTurn, meanSimilarity) = (points.Average(p => p.Turn), points.Average(p => p.Similarity));
        var spread = points.Sum(p => (p.Turn - meanTurn) * (p.Turn - meanTurn));
        var slope = spread == 0 ? 0 : points.Sum(p => (p.Turn - meanTurn) * (p.Similarity - meanSimilarity)) / spread;
        return meanSimilarity + slope * (turn - meanTurn);
    }

    /// <summary>The section: per turned view, identity as rendered, the turn read, identity at the face's turn; then the worst per model.</summary>
    public static void Write(StringBuilder md, IReadOnlyList<PortraitFidelity> portraits, FidelityOptions options)
    {
        if (!options.EqualTurn)
        {
            return;
        }
        var models = options.Models;
        md.AppendLine("## Identity at the face's turn").AppendLine();
        md.AppendLine(Invariant($"Identity falls as a face turns, so a view that reads less turned than it is scores higher for that alone. Each turned view is rendered again at its yaw {string.Join(", ", Offsets.Select(o => Invariant($"{o:+0;−0}°")))}; the face mesh reads each render's turn (from the yaw-0 render), and identity is interpolated at the turn the view gives the face (`ViewTurn`: 16.2° at 15°, 32.3° at 30°); † where that turn lies beyond the readings (up to 4° beyond; — further). *read at*: the turn the view itself reads.")).AppendLine();
        md.Append("| portrait | view |").AppendJoin("", models.Select(m => $" {m}: identity | {m}: read at | {m}: identity at the face's turn |")).AppendLine();
        md.Append("|---|---|").AppendJoin("", models.Select(_ => "---:|---:|---:|")).AppendLine();
        var atTurn = models.ToDictionary(m => m, _ => new List<(float Yaw, float Identity)>());
        foreach (var portrait in portraits.Where(p => p.Models.Count > 0))
        {
            foreach (var view in portrait.Models[0].TurnSweeps.Select(s => s.View))
            {
                md.Append(Invariant($"| {portrait.Name} | yaw {view.YawDegrees:+0;−0}° |"));
                foreach (var model in portrait.Models)
                {
                    var sweep = model.TurnSweeps.First(s => s.View == view);
                    var identity = At(model, sweep, out var read, out var extrapolated);
                    var own = model.Views.First(v => v.View == view).Reading;
                    if (identity is { } value)
                    {
                        atTurn[model.Model].Add((MathF.Abs(view.YawDegrees), value));
                    }
                    md.Append(Invariant($" {(own.FaceFound ? $"{own.Similarity:0.000}" : "no face")} | {(float.IsNaN(read) ? "—" : $"{read:+0.0;−0.0;0.0}°")} | {(identity is { } v ? $"{v:0.000}{(extrapolated ? " †" : "")}" : "—")} |"));
                }
                md.AppendLine();
            }
        }
        md.AppendLine();
        md.AppendLine("| model | identity at the face's ±15° turn: worst (mean) | at its ±30° turn: worst (mean) |");
        md.AppendLine("|---|---:|---:|");
        foreach (var model in models)
        {
            string Figure(float yaw)
            {
                var values = atTurn[model].Where(v => v.Yaw == yaw).Select(v => v.Identity).ToList();
                return values.Count == 0 ? "—" : Invariant($"{values.Min():0.000} ({values.Average():0.000})");
            }
            md.AppendLine(Invariant($"| {model} | {Figure(15)} | {Figure(30)} |"));
        }
        md.AppendLine();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
