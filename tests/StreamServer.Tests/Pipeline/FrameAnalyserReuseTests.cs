using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PortraitStream.Inference.Bundles;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Relief;
using PortraitStream.Inference.Relief.V2;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Diagnostics;
using PortraitStream.Server.Pipeline.Stages;
using PortraitStream.Server.Pipeline.Stats;

namespace PortraitStream.Server.Tests.Pipeline;

/// <summary>
/// The analyse stage says on each frame which per-frame networks ran and which reused their last result, and the
/// counters <c>analyse.networks</c> count it: on a still portrait the face mesh runs on key frames only, the matte on
/// alternate frames while they come at the camera's pace; a cut runs the mesh again on the next frame, and a cut to
/// no face holds the track on that frame.
/// </summary>
public sealed class FrameAnalyserReuseTests : IDisposable
{
    private static readonly TimeSpan FrameTime = TimeSpan.FromSeconds(1.0 / 30);
    private readonly OnnxSessionFactory _sessions = new(NullLogger<OnnxSessionFactory>.Instance, ExecutionProviderPreference.Cpu);
    private readonly ModelBundle _bundle;

    public FrameAnalyserReuseTests() => _bundle = ModelBundle.Load(ReliefV2Bundle.Default, _sessions);

    public void Dispose() => _bundle.Dispose();

    [Fact]
    public async Task StillPortrait_ReusesMeshAndMatte_AndTheCountersSayHowOften()
    {
        var portrait = await PortraitAsync();
        using var analyser = new FrameAnalyser(_sessions);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = new ServerMetrics(services.GetRequiredService<IMeterFactory>());
        using var counted = new TaggedCounts(metrics.AnalysisNetworks);

        var work = new List<AnalysisWork>();
        for (var i = 0; i < 8; i++)
        {
            using var frame = analyser.Analyse(new CameraFrame(portrait, FrameTime * i, FrameTimings.Start()), _bundle);
            metrics.RecordAnalysis(frame.Work);
            work.Add(frame.Work);
        }
        // A cut to the same face under other light (between the detector's searches; the face is followed where it
        // was): the picture changed, so the mesh runs again at once.
        var relit = new RgbImage(portrait.Width, portrait.Height);
        for (var p = 0; p < relit.Pixels.Length; p++)
        {
            relit.Pixels[p] = (byte)Math.Min(255, portrait.Pixels[p] + 40);
        }
        using (var cut = analyser.Analyse(new CameraFrame(relit, FrameTime * 8, FrameTimings.Start()), _bundle))
        {
            Assert.Equal(FaceTrackState.Tracking, cut.Face);
            Assert.Equal(NetworkUse.Ran, cut.Work.Mesh);
        }
        // A cut to black between searches: following the face finds nothing on that very frame, so the track holds
        // its last crop and runs no mesh.
        using (var black = analyser.Analyse(new CameraFrame(new RgbImage(portrait.Width, portrait.Height), FrameTime * 9, FrameTimings.Start()), _bundle))
        {
            Assert.Equal(FaceTrackState.Holding, black.Face);
            Assert.Equal(NetworkUse.None, black.Work.Mesh);
        }

        // The same picture every frame: the mesh on frames 0 and 4 (the key frames), the matte on even frames.
        Assert.Equal([NetworkUse.Ran, NetworkUse.Reused, NetworkUse.Reused, NetworkUse.Reused, NetworkUse.Ran, NetworkUse.Reused, NetworkUse.Reused, NetworkUse.Reused],
            work.Select(w => w.Mesh));
        Assert.Equal([.. Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? NetworkUse.Ran : NetworkUse.Reused)], work.Select(w => w.Matte));
        // The whole picture's: once, then taken over while under a quarter of a second old (frames 1–7).
        Assert.Equal([NetworkUse.Ran, .. Enumerable.Repeat(NetworkUse.Reused, 7)], work.Select(w => w.PictureMatte));
        Assert.Equal(2, counted.Of("mesh", "false")); // the cuts' frames were not recorded
        Assert.Equal(6, counted.Of("mesh", "true"));
        Assert.Equal(4, counted.Of("matte", "false"));
        Assert.Equal(4, counted.Of("matte", "true"));
        Assert.Equal(1, counted.Of("picture-matte", "false"));
        Assert.Equal(7, counted.Of("picture-matte", "true"));
    }

    [Fact]
    public async Task FramesAnalysedFarApart_RunTheMatteEachTime()
    {
        var portrait = await PortraitAsync();
        using var analyser = new FrameAnalyser(_sessions);

        // A loaded server takes every fourth camera frame: each matte would stand for a picture 0.13 s later.
        var work = new List<AnalysisWork>();
        for (var i = 0; i < 4; i++)
        {
            using var frame = analyser.Analyse(new CameraFrame(portrait, 4 * FrameTime * i, FrameTimings.Start()), _bundle);
            work.Add(frame.Work);
        }

        Assert.All(work, w => Assert.Equal(NetworkUse.Ran, w.Matte));
        // The whole picture's stands for up to a quarter of a second: 0.13 s later it is taken over, 0.27 s later not.
        Assert.Equal([NetworkUse.Ran, NetworkUse.Reused, NetworkUse.Ran, NetworkUse.Reused], work.Select(w => w.PictureMatte));
    }

    /// <summary>
    /// For an encoder without the picture around the crop, the whole picture's matte (for keep's and blur's room beyond
    /// the crop) runs and is taken over while the background shows the room, and not at all while it does not (remove,
    /// a colour, an image).
    /// </summary>
    [Fact]
    public async Task PictureMatte_GoesWithTheCropsMatte_OnlyWhileTheBackgroundShowsTheRoom()
    {
        var portrait = await PortraitAsync();
        using var bundle = ModelBundle.Load(BundleFiles.FromMemory("relief-v2 without the surround", ReliefV2Bundle.Generate(ReliefOptions.Default with { SurroundSpan = 0 })), _sessions);
        using var analyser = new FrameAnalyser(_sessions);
        var uses = new List<NetworkUse>();
        AlignedFace Analyse(int index, bool showsRoom)
        {
            using var frame = analyser.Analyse(new CameraFrame(portrait, FrameTime * index, FrameTimings.Start()), bundle, showsRoom);
            uses.Add(frame.Work.PictureMatte);
            return frame.Aligned!;
        }

        // The crop's matte runs on frames 0, 2, 4 and is reused on 1, 3, 5.
        var (first, second) = (Analyse(0, showsRoom: true), Analyse(1, showsRoom: true));
        var without = Analyse(2, showsRoom: false);
        var shownAgain = Analyse(3, showsRoom: true);
        var (ranWithout, reusedWithout) = (Analyse(4, showsRoom: false), Analyse(5, showsRoom: false));

        Assert.NotNull(first.PictureMatte);
        Assert.Same(first.PictureMatte, second.PictureMatte);
        Assert.Null(without.PictureMatte);
        // Shown again on a frame that takes over the crop's matte: the picture's runs afresh.
        Assert.Same(without.Matte, shownAgain.Matte);
        Assert.NotNull(shownAgain.PictureMatte);
        Assert.NotSame(first.PictureMatte, shownAgain.PictureMatte);
        Assert.Null(ranWithout.PictureMatte);
        Assert.Null(reusedWithout.PictureMatte);
        Assert.Equal([NetworkUse.Ran, NetworkUse.Reused, NetworkUse.None, NetworkUse.Ran, NetworkUse.None, NetworkUse.None], uses);
        // It is the person's matte over the whole photo: her face (a third of the way in, a quarter down) and not
        // the flag at the left edge.
        var matte = first.PictureMatte!;
        Assert.True(matte.At(0.44f * portrait.Width, 0.25f * portrait.Height, portrait.Width, portrait.Height) > 0.9f);
        Assert.True(matte.At(0.05f * portrait.Width, 0.2f * portrait.Height, portrait.Width, portrait.Height) < 0.1f);
    }

    /// <summary>
    /// An encoder that takes the picture around the crop (relief v2) gets the whole picture's matte whatever the
    /// background shows, taken over while under a quarter of a second old, and a surround cut from each frame: the
    /// triplanes differ from the same face's encoded without it (the portrait's shoulders go on past the crop). The
    /// surround is the encoder's alone; the frame goes on without it.
    /// </summary>
    [Fact]
    public async Task AnEncoderTakingTheSurround_GetsThePicturesMatteWhateverTheBackground()
    {
        var portrait = await PortraitAsync();
        using var analyser = new FrameAnalyser(_sessions);
        var frames = Enumerable.Range(0, 3)
            .Select(index => analyser.Analyse(new CameraFrame(portrait, FrameTime * index, FrameTimings.Start()), _bundle, showsRoom: false)).ToArray();
        try
        {
            Assert.Equal([NetworkUse.Ran, NetworkUse.Reused, NetworkUse.Reused], frames.Select(f => f.Work.PictureMatte));
            Assert.Same(frames[0].Aligned!.PictureMatte, frames[2].Aligned!.PictureMatte);
            Assert.All(frames, f => Assert.Null(f.Aligned!.Surround));
            var withoutSurround = _bundle.Encoder.Encode(frames[2].Aligned!);
            Assert.False(withoutSurround.Data.AsSpan().SequenceEqual(frames[2].Triplanes!.Triplanes.Data));
        }
        finally
        {
            foreach (var frame in frames)
            {
                frame.Dispose();
            }
        }
    }

    private static async Task<RgbImage> PortraitAsync() =>
        await new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png"));

    /// <summary>Sums one counter's measurements by their (network, reused) tags.</summary>
    private sealed class TaggedCounts : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Dictionary<(string?, string?), long> _counts = [];

        public TaggedCounts(Instrument instrument)
        {
            _listener.InstrumentPublished = (published, listener) =>
            {
                if (ReferenceEquals(published, instrument))
                {
                    listener.EnableMeasurementEvents(published);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? network = null, reused = null;
                foreach (var tag in tags)
                {
                    (network, reused) = tag.Key switch
                    {
                        "network" => (tag.Value as string, reused),
                        "reused" => (network, tag.Value as string),
                        _ => (network, reused),
                    };
                }
                lock (_counts)
                {
                    _counts[(network, reused)] = _counts.GetValueOrDefault((network, reused)) + value;
                }
            });
            _listener.Start();
        }

        public long Of(string network, string reused)
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault((network, reused));
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
