using BenchmarkDotNet.Running;
using PortraitStream.Perf;

// Runs the suites named on the command line, e.g. `dotnet run -c Release --project perf -- --filter '*Face*'`,
// the echo-mode glass-to-glass measurement: `dotnet run -c Release --project perf -- glass-to-glass --seconds 20`,
// the samplers' picture quality: `dotnet run -c Release --project perf -- quality --size 256`, the reference sampler
// with and without empty-space skipping: `dotnet run -c Release --project perf -- reference-skip`, stereo against mono
// (CPU or `--renderer vulkan`, any `--style`): `dotnet run -c Release --project perf -- stereo-cost`, a headset pose's way to the rendered frame's packets:
// `dotnet run -c Release --project perf -- pose-to-photon`, relief v2's encoder per node type (old bundle beside it with
// `--baseline DIR`): `dotnet run -c Release --project perf -- encoder-cost --size 256 --repeat 20`, a pose's own frame against a camera frame:
// `dotnet run -c Release --project perf -- pose-frame-cost`, what stretch smoothing adds to a frame:
// `dotnet run -c Release --project perf -- stretch-cost`, the models' turned
// views read back for identity and pose: `dotnet run -c Release --project perf -- fidelity --models relief` (with `--mirror-turn`,
// also against each turned photo's mirror image, a real turn of the same face),
// the tracked head's yaw on turned real faces and the Gaze preset's output: `dotnet run -c Release --project perf -- gaze`,
// a still face's shimmer under camera noise, with and without the crop denoiser: `dotnet run -c Release --project perf -- temporal-noise`,
// keep's hole fill as pictures: `dotnet run -c Release --project perf -- hole-fill --images DIR`,
// issue #17's hardening targets: `dotnet run -c Release --project perf -- hardening [storm|stats|fairness]`,
// every parser fuzzed a million times (issue #16): `dotnet run -c Release --project perf -- fuzz [--count N] [--seed S]`,
// the server soaked with several browser sessions (issue #16): `dotnet run -c Release --project perf -- soak --sessions 4 --minutes 30`,
// a Chromium session per injected loss rate (issue #16): `dotnet run -c Release --project perf -- fault --loss 1,5,10 --seconds 60`,
// or the audio/video offset end to end (issue #14): `dotnet run -c Release --project perf -- av-sync [--pipeline] [--pairs 20]`.
// or WHIP publish to a WHEP viewer's first frame (issue #14): `dotnet run -c Release --project perf -- whip-to-whep --runs 5`.
// the committed portrait's field for the GPU check (GpuCheck/pack.sh): `dotnet run -c Release --project perf -- gpu-field FILE`.
// perf/README.md lists the suites; perf/RESULTS.md holds the latest figures.
if (args is ["glass-to-glass", .. var rest])
{
    return await GlassToGlass.RunAsync(rest);
}
if (args is ["reference-skip", .. var skipArgs])
{
    return await ReferenceSkipping.RunAsync(skipArgs);
}
if (args is ["pose-to-photon", .. var poseArgs])
{
    return await PoseToPhoton.RunAsync(poseArgs);
}
if (args is ["pose-frame-cost", .. var poseFrameArgs])
{
    return PoseFrameCost.Run(poseFrameArgs);
}
if (args is ["encoder-cost", .. var encoderCostArgs])
{
    return EncoderCost.Run(encoderCostArgs);
}
if (args is ["stretch-cost", .. var stretchArgs])
{
    return StretchCost.Run(stretchArgs);
}
if (args is ["stereo-cost", .. var stereoArgs])
{
    return StereoCost.Run(stereoArgs);
}
if (args is ["gpu-field", var fieldOut])
{
    // The committed portrait's relief field for GpuCheck (GpuCheck/pack.sh), which runs where no encoder does.
    FieldFile.Write(fieldOut, PortraitScene.Request(512, new PortraitStream.Renderer.Camera.CameraView(0f, 0f)));
    return 0;
}
if (args is ["quality", .. var qualityArgs])
{
    return await QualityEvaluation.RunAsync(qualityArgs);
}
if (args is ["hole-fill", .. var holeFillArgs])
{
    return await HoleFillImages.RunAsync(holeFillArgs);
}
if (args is ["fidelity", .. var fidelityArgs])
{
    return await FidelityEvaluation.RunAsync(fidelityArgs);
}
if (args is ["identity", .. var identityArgs])
{
    return await IdentityReading.RunAsync(identityArgs);
}
if (args is ["temporal-noise", .. var noiseArgs])
{
    return TemporalNoise.Run(noiseArgs);
}
if (args is ["gaze", .. var gazeArgs])
{
    return await GazeEvaluation.RunAsync(gazeArgs);
}

if (args is ["hardening", .. var hardening])
{
    return await Hardening.RunAsync(hardening);
}

if (args is ["fuzz", .. var fuzz])
{
    return Fuzz.Run(fuzz);
}

if (args is ["soak", .. var soak])
{
    return await Soak.RunAsync(soak);
}

if (args is ["av-sync", .. var avSync])
{
    return await AvSync.RunAsync(avSync);
}

if (args is ["fault", .. var fault])
{
    return await FaultRun.RunAsync(fault);
}

if (args is ["whip-to-whep", .. var whipToWhep])
{
    return await WhipToWhep.RunAsync(whipToWhep);
}

// The executing assembly rather than typeof(Program): the referenced web server has a public Program of its own.
BenchmarkSwitcher.FromAssembly(System.Reflection.Assembly.GetExecutingAssembly()).Run(args);
return 0;
