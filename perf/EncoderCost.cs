using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Perf;

/// <summary>
/// `encoder-cost [--size R] [--repeat N] [--baseline DIR] [--portrait FILE]`: what relief v2's encoder costs per frame on ONNX Runtime's
/// CPU provider, by node type, from ORT's own profiler (node time summed over the frames, not wall time, so a loaded
/// machine inflates every row alike and the shares stay fair), plus the process CPU time per encode. With
/// `--baseline DIR` (a bundle folder, e.g. an older build's `model write-relief DIR`) both encoders run alternately in
/// this one process on the committed portrait (or FILE), side by side, and the largest triplane difference is printed;
/// `--nodes N` lists each encoder's N costliest nodes with their output shapes.
/// </summary>
internal static class EncoderCost
{
    public static int Run(string[] args)
    {
        int size = ReliefOptions.Default.Resolution, repeat = 20, nodes = 0;
        string? baselineDirectory = null;
        var portraitPath = PortraitScene.CommittedPortrait;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--size" when i + 1 < args.Length: size = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--repeat" when i + 1 < args.Length: repeat = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--baseline" when i + 1 < args.Length: baselineDirectory = args[++i]; break;
                case "--portrait" when i + 1 < args.Length: portraitPath = args[++i]; break;
                case "--nodes" when i + 1 < args.Length: nodes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: Console.Error.WriteLine($"encoder-cost: unknown option '{args[i]}' (--size R, --repeat N, --baseline DIR, --portrait FILE, --nodes N)"); return 2;
            }
        }
        var profiles = Directory.CreateTempSubdirectory("encoder-cost-");
        var current = new Profiled("current", profiles.FullName,
            BundleFiles.FromMemory(ReliefV2Bundle.Name, ReliefV2Bundle.Generate(ReliefOptions.Default with { Resolution = size })));
        var encoders = new List<Profiled> { current };
        if (baselineDirectory is not null)
        {
            encoders.Add(new Profiled("baseline", profiles.FullName, BundleFiles.FromDirectory(baselineDirectory)));
        }
        var portrait = new ImageFiles().ReadAsync(portraitPath).GetAwaiter().GetResult();
        var detector = new BlazeFaceDetector(new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu));
        var face = PortraitScene.AlignForBundle(portrait, detector.Detect(portrait)[0], current.Bundle);
        detector.Dispose();

        const int warmUp = 3;
        for (int frame = 0; frame < warmUp + repeat; frame++)
        {
            foreach (var encoder in encoders)
            {
                encoder.Encode(face, measured: frame >= warmUp);
            }
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"relief-v2 encoder, R = {size}, {Path.GetFileName(portraitPath)}, ORT CPU, {Environment.ProcessorCount} cores, {repeat} frames after {warmUp} warm-up, load {File.ReadAllText("/proc/loadavg").Trim()}"));
        var timings = encoders.Select(e => (e.Name, e.CpuMsPerFrame, Timed: e.Finish(warmUp, repeat))).ToList();
        var tables = timings.Select(t => (t.Name, t.CpuMsPerFrame,
            Nodes: t.Timed.GroupBy(n => n.Op).ToDictionary(g => g.Key, g => g.Sum(n => n.Ms)))).ToList();
        Console.Write("| node type |");
        tables.ForEach(t => Console.Write($" {t.Name} ms / frame | share |"));
        Console.WriteLine();
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---:|---:|", tables.Count)));
        var total = tables.Select(t => t.Nodes.Values.Sum()).ToList();
        foreach (var op in tables.SelectMany(t => t.Nodes).GroupBy(p => p.Key).OrderByDescending(g => g.Max(p => p.Value)).Select(g => g.Key))
        {
            Console.Write($"| {op} |");
            for (int t = 0; t < tables.Count; t++)
            {
                var ms = tables[t].Nodes.GetValueOrDefault(op);
                Console.Write(string.Create(CultureInfo.InvariantCulture, $" {ms:0.00} | {100 * ms / total[t]:0.0} % |"));
            }
            Console.WriteLine();
        }
        Console.Write("| all nodes |");
        total.ForEach(ms => Console.Write(string.Create(CultureInfo.InvariantCulture, $" {ms:0.00} | 100 % |")));
        Console.WriteLine();
        Console.Write("| process CPU time per encode (profiling on) |");
        tables.ForEach(t => Console.Write(string.Create(CultureInfo.InvariantCulture, $" {t.CpuMsPerFrame:0.00} | |")));
        Console.WriteLine();
        if (encoders.Count == 2)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Largest |current − baseline| per triplane channel: {string.Join(", ", MaxDifferences(encoders[0].Planes, encoders[1].Planes).Select(d => d.ToString("G3", CultureInfo.InvariantCulture)))}"));
        }
        foreach (var (name, _, timed) in timings.Where(_ => nodes > 0))
        {
            Console.WriteLine($"{name}: the {nodes} costliest nodes, ms / frame");
            foreach (var node in timed.OrderByDescending(n => n.Ms).Take(nodes))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {node.Ms,7:0.00}  {node.Op,-16} {node.Node} → {node.Shape}"));
            }
        }
        profiles.Delete(recursive: true);
        return 0;
    }

    /// <summary>The largest absolute difference between two encoders' triplanes, per channel (over the three planes).</summary>
    private static float[] MaxDifferences(Triplanes a, Triplanes b)
    {
        if (a.Layout.Channels != b.Layout.Channels || a.Layout.Resolution != b.Layout.Resolution)
        {
            throw new InvalidOperationException("the baseline's triplanes have another layout");
        }
        var channels = a.Layout.Channels;
        var texels = a.Layout.Resolution * a.Layout.Resolution;
        var worst = new float[channels];
        for (int i = 0; i < a.Data.Length; i++)
        {
            var c = i / texels % channels;
            worst[c] = Math.Max(worst[c], Math.Abs(a.Data[i] - b.Data[i]));
        }
        return worst;
    }

    /// <summary>One encoder under ORT's profiler, timed with the process CPU clock.</summary>
    private sealed class Profiled
    {
        private readonly string _prefix;
        private double _cpuMs;
        private int _measured;

        public Profiled(string name, string directory, BundleFiles files)
        {
            Name = name;
            _prefix = Path.Combine(directory, name);
            Bundle = ModelBundle.Load(files, new OnnxSessionFactory(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu) { ProfilePrefix = _prefix });
            Planes = new Triplanes(Bundle.Layout);
        }

        public string Name { get; }
        public ModelBundle Bundle { get; }
        public Triplanes Planes { get; }
        public double CpuMsPerFrame => _cpuMs / Math.Max(1, _measured);

        public void Encode(AlignedFace face, bool measured)
        {
            var cpu = CpuClock.Measure(() => Bundle.Encoder.Encode(face, Planes)).CpuMs;
            if (measured)
            {
                _cpuMs += cpu;
                _measured++;
            }
        }

        /// <summary>Ends the session (ORT writes its profile then) and each node's time over the measured runs, ms per frame.</summary>
        public List<(string Op, string Node, string Shape, double Ms)> Finish(int skipRuns, int runs)
        {
            Bundle.Dispose();
            var file = Directory.GetFiles(Path.GetDirectoryName(_prefix)!, Path.GetFileName(_prefix) + "*.json").Single();
            using var profile = JsonDocument.Parse(File.ReadAllText(file));
            var events = profile.RootElement.EnumerateArray().ToList();
            var runWindows = events.Where(e => e.GetProperty("cat").GetString() == "Session" && e.GetProperty("name").GetString() == "model_run")
                .Select(e => (Start: e.GetProperty("ts").GetInt64(), End: e.GetProperty("ts").GetInt64() + e.GetProperty("dur").GetInt64()))
                .OrderBy(w => w.Start).Skip(skipRuns).ToList();
            var perNode = new Dictionary<string, (string Op, string Shape, double Ms)>();
            foreach (var e in events.Where(e => e.GetProperty("cat").GetString() == "Node" && e.GetProperty("name").GetString()!.EndsWith("_kernel_time", StringComparison.Ordinal)))
            {
                var ts = e.GetProperty("ts").GetInt64();
                if (!runWindows.Any(w => ts >= w.Start && ts <= w.End))
                {
                    continue;
                }
                var node = e.GetProperty("name").GetString()![..^"_kernel_time".Length];
                var arguments = e.GetProperty("args");
                var shape = arguments.TryGetProperty("output_type_shape", out var output) ? output.GetRawText() : "";
                var ms = perNode.TryGetValue(node, out var sum) ? sum.Ms : 0;
                perNode[node] = (arguments.GetProperty("op_name").GetString()!, shape, ms + e.GetProperty("dur").GetInt64() / 1000.0 / runs);
            }
            return [.. perNode.Select(p => (p.Value.Op, p.Key, p.Value.Shape, p.Value.Ms))];
        }
    }
}
