using System.Globalization;
using System.Text;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Perf;

/// <summary>
/// One turned photo against its mirror image (<see cref="MirrorTurn"/>): the yaw the mesh reads on each, the view yaw
/// that turns the model's head as far, and four readings against the photo's face (the mirror, the mirror rendered at
/// yaw 0, the model's view) and one against the mirror's (the model's view).
/// </summary>
internal sealed record MirroredTurn(float MirrorYaw, float ViewYaw, ViewReading Mirror, ViewReading MirrorRendered, ViewReading View, ViewReading ViewAgainstMirror);

/// <summary>
/// A portrait's mirror-turn reading for one model: the photo's yaw (null when the mesh refused it) and the comparison,
/// or why there is none.
/// </summary>
internal sealed record MirrorTurnReading(float? PhotoYaw, MirroredTurn? Turned, string? Skipped = null);

/// <summary>
/// A real turn of the same face as the yardstick for a turned view (`fidelity --mirror-turn`). A photo of a head turned
/// θ, mirrored left to right, is that head turned −θ: the same person turned 2θ, in the same light, through the same
/// camera, as sharp. What the descriptor reads between the two is what a real turn costs it; a turned view the model
/// renders of the photo, turned as far, can be read against the same photo (and against the mirror image, the face it
/// should look like). Faces are not quite symmetric and the parting and the light change sides, so the mirror reads a
/// little less like the photo than a true turn would: it is a floor under what a faithful view could score.
/// </summary>
internal static class MirrorTurn
{
    /// <summary>Photos read nearer frontal than this (degrees of yaw) are skipped: their mirror image is hardly a turn.</summary>
    public const float MinPhotoYaw = 7.5f;

    /// <summary>
    /// The reading for <paramref name="image"/> (its <paramref name="face"/>, embedded as <paramref name="input"/>) through
    /// <paramref name="views"/> (the photo through <paramref name="bundle"/>); the mirror image goes through the same model.
    /// With <paramref name="imagesStem"/>, the mirror's render and the turned view are written beside the other views.
    /// </summary>
    public static async Task<MirrorTurnReading> ReadAsync(RgbImage image, FaceDetection face, ProbeIdentity input, ModelViews views, ModelBundle bundle,
        FaceProbe probe, CpuVolumeRenderer renderer, FidelityOptions options, string? imagesStem)
    {
        if (probe.Pose(image, face)?.YawDegrees is not { } yaw)
        {
            return new MirrorTurnReading(null, null, "the mesh refused the photo");
        }
        if (MathF.Abs(yaw) < MinPhotoYaw)
        {
            return new MirrorTurnReading(yaw, null, "nearly frontal");
        }
        var mirror = FaceProbe.Mirrored(image);
        if (probe.FindFace(mirror) is not { } mirrorFace || probe.Pose(mirror, mirrorFace) is not { } mirrorPose)
        {
            return new MirrorTurnReading(yaw, null, "no face or mesh in the mirror image");
        }
        // The view yaw that turns the head from the photo's pose to the mirror's (ViewTurn is linear to within 0.1° here).
        var perDegree = (ViewTurn.Of(new CameraView(30, 0), bundle.Rendering).YawDegrees - ViewTurn.Of(CameraView.Front, bundle.Rendering).YawDegrees) / 30f;
        var turned = new CameraView((mirrorPose.YawDegrees - yaw) / perDegree, 0);
        if (!bundle.Rendering.ViewRange.Contains(turned))
        {
            return new MirrorTurnReading(yaw, null, Invariant($"view yaw {turned.YawDegrees:+0;−0}°: beyond the model's ±{bundle.Rendering.ViewRange.MaxYawDegrees:0}°"));
        }
        var view = views.Render(turned, RenderStyle.None, options.Size);
        var mirrorRendered = new ModelViews(mirror, mirrorFace, bundle, renderer, options.Live).Render(CameraView.Front, RenderStyle.None, options.Size);
        if (imagesStem is not null)
        {
            await ImageFiles.WritePngAsync(mirrorRendered, imagesStem + "_mirror_y0.png");
            await ImageFiles.WritePngAsync(view, imagesStem + string.Create(CultureInfo.InvariantCulture, $"_turned_y{turned.YawDegrees:0.0}.png"));
        }
        return new MirrorTurnReading(yaw, new MirroredTurn(mirrorPose.YawDegrees, turned.YawDegrees, probe.Read(mirror, input), probe.Read(mirrorRendered, input),
            probe.Read(view, input), probe.Read(view, probe.Embed(mirror, mirrorFace))));
    }

    /// <summary>The section: per turned portrait and model, the readings; then each model's means over the portraits it turned.</summary>
    public static void Write(StringBuilder md, IReadOnlyList<PortraitFidelity> portraits, FidelityOptions options)
    {
        if (!options.MirrorTurn)
        {
            return;
        }
        md.AppendLine("## A real turn of the same face: each photo against its mirror image").AppendLine();
        md.AppendLine(Invariant($"A photo of a head turned θ, mirrored left to right, is that head turned −θ: the same person turned 2θ, in the same light, through the same camera, as sharp. For each portrait the mesh reads at |yaw| ≥ {MinPhotoYaw}°: *the mirror*: the mirror image read against the photo, as a view is (a real turn); *rendered*: the mirror image through the model at yaw 0 (a real turn plus what the render costs a front view); *the model's view*: the photo through the model at the view yaw that turns its head to the mirror's yaw (`ViewTurn`), against the photo; *like the mirror*: that view against the mirror image's face. Faces are not quite symmetric and the parting and the light change sides, so the mirror is a floor under what a faithful view could score.")).AppendLine();
        md.AppendLine("| portrait | model | photo's yaw | view yaw | the mirror | rendered | the model's view | like the mirror | yaw the mesh reads: mirror / view |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var portrait in portraits)
        {
            foreach (var model in portrait.Models.Where(m => m.MirrorTurn is not null))
            {
                var reading = model.MirrorTurn!;
                md.Append(Invariant($"| {portrait.Name} | {model.Model} | {Degrees(reading.PhotoYaw)} |"));
                md.AppendLine(reading.Turned is { } t
                    ? Invariant($" {t.ViewYaw:+0.0;−0.0}° | {Cell(t.Mirror)} | {Cell(t.MirrorRendered)} | {Cell(t.View)} | {Cell(t.ViewAgainstMirror)} | {t.MirrorYaw:+0.0;−0.0}° / {Degrees(t.View.Pose?.YawDegrees)} |")
                    : $" — | {reading.Skipped}: skipped | | | | |");
            }
        }
        md.AppendLine();
        md.AppendLine("| model | portraits turned | the mirror: mean (lowest) of faces found | rendered | the model's view | like the mirror | mean yaw the view reads short of the mirror's |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        // The models' view ranges differ (relief v1's ±30°, v2's ±45°), so each is also read over the portraits all of them turned.
        var everyModel = portraits.Where(p => p.Models.Count == options.Models.Count && p.Models.All(m => m.MirrorTurn?.Turned is not null)).Select(p => p.Name).ToHashSet();
        foreach (var (model, common) in options.Models.SelectMany(m => options.Models.Count > 1 ? new[] { (m, false), (m, true) } : [(m, false)]))
        {
            var turned = portraits.Where(p => !common || everyModel.Contains(p.Name)).SelectMany(p => p.Models)
                .Where(m => m.Model == model && m.MirrorTurn?.Turned is not null).Select(m => m.MirrorTurn!.Turned!).ToList();
            var label = common ? Invariant($"{model}, the {everyModel.Count} every model turned") : model;
            if (turned.Count == 0)
            {
                md.AppendLine(Invariant($"| {label} | 0 | | | | | |"));
                continue;
            }
            var shortfall = turned.Where(t => t.View.Pose is not null).Select(t => (t.MirrorYaw - t.View.Pose!.Value.YawDegrees) * MathF.Sign(t.ViewYaw)).ToList();
            md.AppendLine(Invariant($"| {label} | {turned.Count} | {Mean(turned.Select(t => t.Mirror))} | {Mean(turned.Select(t => t.MirrorRendered))} | {Mean(turned.Select(t => t.View))} | {Mean(turned.Select(t => t.ViewAgainstMirror))} | {(shortfall.Count == 0 ? "—" : Invariant($"{shortfall.Average():+0.0;−0.0;0.0}°"))} |"));
        }
        md.AppendLine();
    }

    /// <summary>
    /// The mean and lowest over the pictures in which a face was found, and how many had none: one blurred photo whose
    /// front render BlazeFace misses would otherwise pull a column's mean 0.06 down for something the turn did not do.
    /// </summary>
    private static string Mean(IEnumerable<ViewReading> readings)
    {
        var list = readings.ToList();
        var found = list.Where(r => r.FaceFound).Select(r => r.Similarity).ToList();
        var missed = list.Count - found.Count;
        var figure = found.Count == 0 ? "—" : Invariant($"{found.Average():0.000} ({found.Min():0.000})");
        return missed == 0 ? figure : Invariant($"{figure}, {missed} without a face");
    }

    private static string Cell(ViewReading reading) => reading.FaceFound ? Invariant($"{reading.Similarity:0.000}") : "**no face** (0)";

    private static string Degrees(float? yaw) => yaw is { } value ? Invariant($"{value:+0.0;−0.0;0.0}°") : "mesh refused";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
