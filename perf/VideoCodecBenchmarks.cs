using System.Buffers;
using BenchmarkDotNet.Attributes;
using PortraitStream.Inference.Imaging;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Server.Media.Codecs;
using PortraitStream.Server.WebRtc.Video;

namespace PortraitStream.Perf;

/// <summary>
/// Per-frame cost of each video codec the server negotiates, side by side in one run, with the server's realtime
/// settings: VP8 (libvpx, one thread, cpu-used -6, CBR) and H.264 (OpenH264, constrained baseline, bitrate mode).
/// Encoding runs over a 60-frame camera sway across the test portrait (inter frames after the first), decoding replays
/// that encoded sequence. One operation is one frame. (RGBA → I420 is in <see cref="I420ConversionBenchmarks"/>.)
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class VideoCodecBenchmarks
{
    private const int SequenceLength = 60;
    private const int FrameTicks = 90_000 / 30; // the 90 kHz RTP video clock (RFC 6184 §5.1, RFC 7741 §4.1)

    private readonly ArrayBufferWriter<byte> _output = new(1 << 20);
    private I420Frame[] _frames = [];
    private byte[][] _encoded = [];
    private VideoEncoder? _encoder;
    private VideoDecoder? _decoder;
    private int _next;

    [Params(VideoCodec.Vp8, VideoCodec.H264)]
    public VideoCodec Codec { get; set; }

    [Params("640x480", "1280x720")]
    public string Size { get; set; } = "640x480";

    [Params(1500)]
    public int Kbps { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var parts = Size.Split('x');
        var (width, height) = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        var portrait = new ImageFiles().ReadAsync(Path.Combine(AppContext.BaseDirectory, "data", "portrait.png")).GetAwaiter().GetResult();
        _frames = Enumerable.Range(0, SequenceLength).Select(i => SwayOverPortrait(portrait, width, height, i)).ToArray();
        _encoder = CreateEncoder(width, height);
        // The decode benchmark replays one encoded sequence; it starts with a keyframe, so wrapping around is valid.
        using (var sequenceEncoder = CreateEncoder(width, height))
        {
            _encoded = _frames.Select((frame, i) =>
            {
                _output.Clear();
                sequenceEncoder.TryEncode(frame, i * FrameTicks, _output, out _);
                return _output.WrittenSpan.ToArray();
            }).ToArray();
        }
        _decoder = VideoCodecs.CreateDecoder(Codec);
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

    /// <summary>The encoder the server's <see cref="VideoCodecs"/> builds for <see cref="Codec"/> at this size.</summary>
    private VideoEncoder CreateEncoder(int width, int height) => Codec switch
    {
        VideoCodec.Vp8 => new Vp8Encoder(new Vp8EncoderOptions { Width = width, Height = height, TargetBitrateKbps = Kbps }),
        VideoCodec.H264 => new H264Encoder(width, height, Kbps),
        _ => throw new InvalidOperationException($"no encoder for {Codec}"),
    };

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
