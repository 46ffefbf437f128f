using System.Buffers;
using BenchmarkDotNet.Attributes;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Perf;

/// <summary>
/// Per-frame cost of the VP8 path with the server's default realtime settings (one thread, cpu-used -6, CBR):
/// encoding a 60-frame camera sway over the test portrait (inter frames after the first), decoding it, and the
/// RGBA → I420 conversion the renderer output needs. One operation is one frame.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class Vp8Benchmarks
{
    private const int SequenceLength = 60;
    private const int FrameTicks = Vp8Encoder.ClockRate / 30;

    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private I420Frame[] _frames = [];
    private byte[][] _encoded = [];
    private byte[] _rgba = [];
    private Vp8Encoder? _encoder;
    private Vp8Decoder? _decoder;
    private int _next;

    [Params("512x512", "640x480")]
    public string Size { get; set; } = "512x512";

    [Params(1500)]
    public int Kbps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        var (width, height) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        var portrait = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        _frames = Enumerable.Range(0, SequenceLength).Select(i => SwayOverPortrait(portrait, width, height, i)).ToArray();
        _encoder = new Vp8Encoder(new Vp8EncoderOptions { Width = width, Height = height, TargetBitrateKbps = Kbps });
        // The decode benchmark replays one encoded sequence; it starts with a keyframe, so wrapping around is valid.
        using (var sequenceEncoder = new Vp8Encoder(new Vp8EncoderOptions { Width = width, Height = height, TargetBitrateKbps = Kbps }))
        {
            _encoded = _frames.Select((frame, i) =>
            {
                _output.Clear();
                sequenceEncoder.TryEncode(frame, i * FrameTicks, _output, out _);
                return _output.WrittenSpan.ToArray();
            }).ToArray();
        }
        _decoder = new Vp8Decoder();
        _rgba = new byte[width * height * 4];
        I420Conversion.ToRgba32(_frames[0], _rgba, width * 4);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _encoder?.Dispose();
        _decoder?.Dispose();
        foreach (var frame in _frames)
        {
            frame.Dispose();
        }
    }

    [Benchmark]
    public int Encode()
    {
        var index = _next++;
        _output.Clear();
        _encoder!.TryEncode(_frames[index % SequenceLength], (long)index * FrameTicks, _output, out var info);
        return info.Length;
    }

    [Benchmark]
    public int Decode()
    {
        var status = _decoder!.Decode(_encoded[_next++ % SequenceLength], out var picture);
        picture?.Dispose();
        return (int)status;
    }

    [Benchmark]
    public void RgbaToI420() => I420Conversion.FromRgba32(_rgba, _frames[0].Width * 4, _frames[1]);

    /// <summary>
    /// Frame <paramref name="index"/> of a camera sway over the committed portrait (tests/data/portrait.png), tiled so
    /// that any frame size can be cut from it: real picture texture, a few pixels of motion per frame.
    /// </summary>
    private static I420Frame SwayOverPortrait(RgbImage portrait, int width, int height, int index)
    {
        var dx = (int)Math.Round(12 * Math.Sin(index * 0.3)) + portrait.Width;
        var dy = (int)Math.Round(6 * Math.Cos(index * 0.2)) + portrait.Height;
        var rgb = new byte[width * height * RgbImage.BytesPerPixel];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                portrait.Pixel((x + dx) % portrait.Width, (y + dy) % portrait.Height).CopyTo(rgb.AsSpan((y * width + x) * RgbImage.BytesPerPixel));
            }
        }
        var frame = I420Frame.Rent(width, height);
        I420Conversion.FromRgb24(rgb, width * RgbImage.BytesPerPixel, frame);
        return frame;
    }
}
