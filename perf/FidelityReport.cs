using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using PortraitStream.Inference.Faces.Recognition;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Styles;

namespace PortraitStream.Perf;

/// <summary>
/// The fidelity benchmark's Markdown: how it was run and on what, per-view identity and pose error with the models side
/// by side, the input view's PSNR/SSIM, and the figures issue #12 sets targets for.
/// </summary>
internal static class FidelityReport
{
    /// <summary>The method's identity line for <paramref name="descriptor"/>: what it is, and where its scale lies on the committed photos.</summary>
    private static string IdentityMethod(FaceDescriptorModel descriptor)
    {
        const string Read = "between the input photo's face and the face BlazeFace finds in the view; **no face** (counted as 0) when it finds none.";
        return descriptor == FaceDescriptorModel.MobileFace
            ? $"- *identity*: cosine similarity of BecauseofAI's MobileFace descriptor (256 features of a MobileFaceNet-style network trained with an ArcFace-family loss, on ArcFace's five-point crop; `Faces/Recognition/FaceEmbedder`) {Read} On this descriptor the committed portrait re-cut from its own front render scores 0.90 and the three committed photos' different people score −0.13–0.14 against each other: an ArcFace-family scale, the family of LP3D's ID metric (0.5426 on FFHQ, with ArcFace itself)."
            : $"- *identity*: cosine similarity of HSE's face descriptor (faceres: 1,024 identity features of a VGGFace2-trained MobileNet, `Faces/Recognition/FaceEmbedder`) {Read} On this descriptor the committed portrait re-cut from its own front render scores 0.96 and two different people score 0.33–0.53 against each other, so it is not on the scale of LP3D's ArcFace ID metric (0.5426 on FFHQ).";
    }

    public static string Write(IReadOnlyList<PortraitFidelity> portraits, FidelityOptions options, FidelityRun run)
    {
        var models = options.Models;
        var md = new StringBuilder();
        md.AppendLine("# Fidelity of the rendered views (issue #12, item 5)").AppendLine();
        md.AppendLine(Invariant($"**Command**: `dotnet run -c Release --project perf -- fidelity{string.Concat(run.Args.Select(a => " " + a))}`")).AppendLine();
        md.Append(Invariant($"**Machine**: {Machine()}, ONNX Runtime {run.Provider}; {run.StartedUtc:yyyy-MM-dd HH:mm} UTC. "))
            .AppendLine(Invariant($"Load average (1, 5, 15 min): {run.LoadAtStart} at the start, {run.LoadAtEnd} at the end (other builds may share the cores; nothing here is timed).")).AppendLine();
        md.AppendLine(Invariant($"**Method**: each portrait through the real path — BlazeFace → the model's crop (`PortraitScene.AlignForBundle`) → its encoder → the CPU renderer with {(options.Live ? "the live sampler (the server's)" : "EG3D's sampler at 48 + 48")}, {options.Size}² — and every view read back like a photo:"));
        md.AppendLine(IdentityMethod(options.Descriptor) + (options.MirrorPairs
            ? " Each identity is the mean of the input against the view and of both mirrored left to right (`--mirror-pairs`): the descriptors are not mirror-symmetric, MobileFace far from it."
            : ""));
        md.AppendLine("- *pose error*: the face mesh's head pose on the view (`FaceMeshPose`, a rigid fit of MediaPipe's canonical face) minus its pose on the yaw-0 render, less the turn the view gives a head at the look-at point (`ViewTurn`: the camera orbits the origin but looks 0.2 in front of it, where the face is, so yaw 30° turns the face 32.3°, 15° 16.2°, pitch 10° 10.8°), yaw / pitch in degrees in `render --yaw/--pitch`'s convention (an error with the turn's own sign: the head reads turned further than the view turns it). The yaw-0 row gives the pose it is measured from; **mesh refused** where the mesh is not trusted. On relief v1's renders the mesh read the head 1.2–1.5× further turned than the camera moved (docs/architecture.md, face tracking): the error is the rendered head as this reader sees it, not the geometry alone.");
        md.AppendLine("- *input view*: PSNR (RGB) and SSIM (luma) of the yaw-0 render against the encoder's crop resampled to the render's size, over the face region (the central half of the frame).");
        md.AppendLine();

        md.AppendLine("## Identity and pose error per view").AppendLine();
        md.Append("| portrait | view |").AppendJoin("", models.Select(m => $" {m}: identity | {m}: pose error (yaw / pitch) |")).AppendLine();
        md.Append("|---|---|").AppendJoin("", models.Select(_ => "---:|---:|")).AppendLine();
        foreach (var portrait in portraits)
        {
            if (portrait.Models.Count == 0)
            {
                md.Append(Invariant($"| {portrait.Name} | — |")).AppendJoin("", models.Select(_ => " no face in the input | — |")).AppendLine();
                continue;
            }
            foreach (var view in FidelityEvaluation.Views)
            {
                md.Append(Invariant($"| {portrait.Name} | {ViewName(view)} |"));
                foreach (var model in portrait.Models)
                {
                    var reading = model.Views.First(v => v.View == view).Reading;
                    md.Append(Invariant($" {IdentityCell(reading)} | {PoseCell(model, view, reading)} |"));
                }
                md.AppendLine();
            }
        }
        md.AppendLine();

        md.AppendLine("## Input view (yaw 0): PSNR / SSIM over the face region").AppendLine();
        md.Append("| portrait |").AppendJoin("", models.Select(m => $" {m} |")).AppendLine();
        md.Append("|---|").AppendJoin("", models.Select(_ => "---:|")).AppendLine();
        foreach (var portrait in portraits.Where(p => p.Models.Count > 0))
        {
            md.Append(Invariant($"| {portrait.Name} |")).AppendJoin("", portrait.Models.Select(m => Invariant($" {m.FrontPsnr:0.0} dB / {m.FrontSsim:0.000} |"))).AppendLine();
        }
        md.AppendLine();

        WriteStyles(md, portraits, options);

        md.AppendLine("## Against issue #12's targets (all portraits above)").AppendLine();
        if (options.Descriptor != FaceDescriptorModel.Hse)
        {
            md.AppendLine(Invariant($"The identity targets were set on HSE's scale; the figures below read {options.Descriptor.Name}'s, so they say how the views compare, not whether the targets are met.")).AppendLine();
        }
        md.AppendLine("| model | identity at ±15° (target ≥ 0.92) | identity at ±30° (target ≥ 0.85) | yaw error at ±30° (target ≤ 3°) | views without a face | meshes refused |");
        md.AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var model in models)
        {
            var runs = portraits.SelectMany(p => p.Models).Where(m => m.Model == model).ToList();
            var noFace = runs.Sum(r => r.Views.Count(v => !v.Reading.FaceFound));
            var refused = runs.Sum(r => r.Views.Count(v => v.Reading.FaceFound && v.Reading.Pose is null));
            md.AppendLine(Invariant($"| {model} | {Identity(runs, 15)} | {Identity(runs, 30)} | {YawError(runs, 30)} | {noFace} of {runs.Sum(r => r.Views.Count)} | {refused} |"));
        }
        WriteSpread(md, portraits, options);
        EqualTurnIdentity.Write(md, portraits, options);
        MirrorTurn.Write(md, portraits, options);
        return md.ToString();
    }

    /// <summary>
    /// With --spread: each turned view's identity and yaw error as the mean and range over every output size read, and
    /// issue #12's figures from those means, so that a change is weighed against the pixel grid's own spread.
    /// </summary>
    private static void WriteSpread(StringBuilder md, IReadOnlyList<PortraitFidelity> portraits, FidelityOptions options)
    {
        if (options.SpreadSizes.Count == 0)
        {
            return;
        }
        var models = options.Models;
        var sizes = options.SpreadSizes.Prepend(options.Size).Order().ToList();
        md.AppendLine(Invariant($"## Over output sizes {string.Join(", ", sizes)}²")).AppendLine();
        md.AppendLine("The unstyled views rendered and read again at each size (the same triplanes): mean [lowest–highest] over the sizes. A change within a view's range is the pixel grid's, not the change's.").AppendLine();
        md.Append("| portrait | view |").AppendJoin("", models.Select(m => $" {m}: identity | {m}: yaw error |")).AppendLine();
        md.Append("|---|---|").AppendJoin("", models.Select(_ => "---:|---:|")).AppendLine();
        foreach (var portrait in portraits.Where(p => p.Models.Count > 0))
        {
            foreach (var view in FidelityEvaluation.Views.Where(v => v != CameraView.Front))
            {
                md.Append(Invariant($"| {portrait.Name} | {ViewName(view)} |"));
                foreach (var model in portrait.Models)
                {
                    md.Append(Invariant($" {Range(SizedIdentities(model, view))} | {Range(SizedYawErrors(model, view), "°")} |"));
                }
                md.AppendLine();
            }
        }
        md.AppendLine();
        md.AppendLine("| model | identity at ±15°, worst mean | identity at ±30°, worst mean (lowest single) | yaw error at ±30°, worst mean |");
        md.AppendLine("|---|---:|---:|---:|");
        foreach (var model in models)
        {
            var runs = portraits.SelectMany(p => p.Models).Where(m => m.Model == model).ToList();
            List<CameraView> Turns(float yaw) => [new(yaw, 0), new(-yaw, 0)];
            var at15 = runs.SelectMany(r => Turns(15).Select(v => SizedIdentities(r, v).Average())).DefaultIfEmpty(float.NaN).Min();
            var at30 = runs.SelectMany(r => Turns(30).Select(v => SizedIdentities(r, v))).ToList();
            var yaw30 = runs.SelectMany(r => Turns(30).Select(v => SizedYawErrors(r, v))).Where(e => e.Count > 0).Select(e => e.Average(MathF.Abs)).DefaultIfEmpty(float.NaN).Max();
            md.AppendLine(Invariant($"| {model} | {at15:0.000} | {at30.Select(v => v.Average()).DefaultIfEmpty(float.NaN).Min():0.000} ({at30.SelectMany(v => v).DefaultIfEmpty(float.NaN).Min():0.000}) | {yaw30:0.0}° |"));
        }
        md.AppendLine();
    }

    /// <summary>The view's identity at every size read (a view without a face counting 0).</summary>
    private static List<float> SizedIdentities(ModelFidelity model, CameraView view) =>
        Sized(model).Select(views => views.First(v => v.View == view).Reading.Similarity).ToList();

    /// <summary>The view's yaw error at every size whose pose was measured.</summary>
    private static List<float> SizedYawErrors(ModelFidelity model, CameraView view) =>
        Sized(model).Select(views => model.PoseError(views, view, views.First(v => v.View == view).Reading))
            .Where(e => e is not null).Select(e => e!.Value.Yaw).ToList();

    private static IEnumerable<IReadOnlyList<(CameraView View, ViewReading Reading)>> Sized(ModelFidelity model) =>
        model.Spread.Select(s => s.Views).Prepend(model.Views);

    private static string Range(List<float> values, string unit = "") => values.Count == 0
        ? "—"
        : unit.Length == 0
            ? Invariant($"{values.Average():0.000} [{values.Min():0.000}–{values.Max():0.000}]")
            : Invariant($"{values.Average():+0.0;−0.0;0.0}{unit} [{values.Min():+0.0;−0.0;0.0}{unit} … {values.Max():+0.0;−0.0;0.0}{unit}]");

    /// <summary>Identity per render style (issue #15, item 4): does each style still read as the same person?</summary>
    private static void WriteStyles(StringBuilder md, IReadOnlyList<PortraitFidelity> portraits, FidelityOptions options)
    {
        if (options.Styles.Count == 0)
        {
            return;
        }
        var views = FidelityEvaluation.StyleViews;
        md.AppendLine("## Identity per render style").AppendLine();
        md.AppendLine("The same identity reading on each `--style`'s render over the same background; *none* repeats the unstyled views above.").AppendLine();
        md.Append("| portrait | model | style |").AppendJoin("", views.Select(v => $" {ViewName(v)} |")).AppendLine();
        md.Append("|---|---|---|").AppendJoin("", views.Select(_ => "---:|")).AppendLine();
        foreach (var portrait in portraits)
        {
            foreach (var model in portrait.Models)
            {
                md.Append(Invariant($"| {portrait.Name} | {model.Model} | none |"))
                    .AppendJoin("", views.Select(v => $" {IdentityCell(model.Views.First(r => r.View == v).Reading)} |")).AppendLine();
                foreach (var style in options.Styles)
                {
                    md.Append(Invariant($"| {portrait.Name} | {model.Model} | {RenderStyleNames.Name(style)} |"))
                        .AppendJoin("", views.Select(v => $" {IdentityCell(model.Styled.First(r => r.Style == style && r.View == v).Reading)} |")).AppendLine();
                }
            }
        }
        md.AppendLine();
    }

    private static string IdentityCell(ViewReading reading) => reading.FaceFound ? Invariant($"{reading.Similarity:0.000}") : "**no face** (0)";

    private static string PoseCell(ModelFidelity model, CameraView view, ViewReading reading)
    {
        if (!reading.FaceFound)
        {
            return "—";
        }
        if (view == CameraView.Front)
        {
            return reading.Pose is { } pose ? Invariant($"reads {pose.YawDegrees:+0.0;−0.0;0.0}° / {pose.PitchDegrees:+0.0;−0.0;0.0}°") : "**mesh refused**";
        }
        return model.PoseError(view, reading) is { } e ? Invariant($"{e.Yaw:+0.0;−0.0;0.0}° / {e.Pitch:+0.0;−0.0;0.0}°") : "**mesh refused**";
    }

    /// <summary>Min (mean) similarity over the views at ±<paramref name="yaw"/>°, a view without a face counting 0.</summary>
    private static string Identity(List<ModelFidelity> runs, float yaw)
    {
        var values = Turned(runs, yaw).Select(v => v.Reading.Similarity).ToList();
        return values.Count == 0 ? "—" : Invariant($"{values.Min():0.000} (mean {values.Average():0.000})");
    }

    /// <summary>Max (mean) |yaw error| over the views at ±<paramref name="yaw"/>° whose pose was measured.</summary>
    private static string YawError(List<ModelFidelity> runs, float yaw)
    {
        var errors = runs.SelectMany(r => r.Views.Where(v => MathF.Abs(v.View.YawDegrees) == yaw && v.View.PitchDegrees == 0)
            .Select(v => r.PoseError(v.View, v.Reading))).Where(e => e is not null).Select(e => MathF.Abs(e!.Value.Yaw)).ToList();
        return errors.Count == 0 ? "—" : Invariant($"{errors.Max():0.0}° (mean {errors.Average():0.0}°)");
    }

    private static IEnumerable<(CameraView View, ViewReading Reading)> Turned(List<ModelFidelity> runs, float yaw) =>
        runs.SelectMany(r => r.Views).Where(v => MathF.Abs(v.View.YawDegrees) == yaw && v.View.PitchDegrees == 0);

    private static string ViewName(CameraView view) =>
        view == CameraView.Front ? "yaw 0" : view.PitchDegrees == 0 ? Invariant($"yaw {view.YawDegrees:+0;−0}°") : Invariant($"pitch {view.PitchDegrees:+0;−0}°");

    /// <summary>CPU model, cores, memory, OS and runtime, read from /proc and /etc/os-release where present.</summary>
    private static string Machine()
    {
        static string? Field(string file, string key, char separator) => File.Exists(file)
            ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(separator, 2)[1].Trim().Trim('"')
            : null;
        var cpu = Field("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memory = Field("/proc/meminfo", "MemTotal", ':') is { } kb && long.TryParse(kb.Split(' ')[0], CultureInfo.InvariantCulture, out var k)
            ? Invariant($", {k / 1024.0 / 1024.0:0} GiB") : "";
        var os = Field("/etc/os-release", "PRETTY_NAME", '=') ?? RuntimeInformation.OSDescription;
        return $"{cpu}, {Environment.ProcessorCount} cores{memory}, {os}, {RuntimeInformation.FrameworkDescription}";
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
