using BenchmarkDotNet.Attributes;
using OpenCvSharp;
using PortraitStream.Server.Media.Codecs;

namespace PortraitStream.Perf;

/// <summary>
/// Issue #13's libyuv-or-OpenCV question for the media path's colour conversions, side by side on the same frame:
/// R,G,B → I420 (camera frames into the VP8 encoder) and I420 → R,G,B (decoded browser frames into the pipeline),
/// at 640×480 and 1280×720. libyuv stays unless OpenCV's <c>cvtColor</c> is clearly faster. Both are BT.601; OpenCV's
/// I420 uses the same limited range, so the pictures agree within rounding.
/// </summary>
[MemoryDiagnoser]
public class I420ConversionBenchmarks
{
    private byte[] _rgb = null!;
    private I420Frame _i420 = null!;
    private Mat _rgbMat = null!, _i420Mat = null!;

    [Params("640x480", "1280x720")]
    public string Size { get; set; } = "640x480";

    [GlobalSetup]
    public void Setup()
    {
        var (width, height) = Size == "640x480" ? (640, 480) : (1280, 720);
        _rgb = new byte[width * height * 3];
        new Random(13).NextBytes(_rgb);
        _i420 = I420Frame.Rent(width, height);
        I420Conversion.FromRgb24(_rgb, width * 3, _i420);
        _rgbMat = Mat.FromPixelData(height, width, MatType.CV_8UC3, _rgb);
        _i420Mat = new Mat(height * 3 / 2, width, MatType.CV_8UC1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _i420.Dispose();
        _rgbMat.Dispose();
        _i420Mat.Dispose();
    }

    [Benchmark(Baseline = true, Description = "RGB→I420 libyuv")]
    public void RgbToI420LibYuv() => I420Conversion.FromRgb24(_rgb, _i420.Width * 3, _i420);

    [Benchmark(Description = "RGB→I420 OpenCV")]
    public void RgbToI420OpenCv() => Cv2.CvtColor(_rgbMat, _i420Mat, ColorConversionCodes.RGB2YUV_I420);

    [Benchmark(Description = "I420→RGB libyuv")]
    public void I420ToRgbLibYuv() => I420Conversion.ToRgb24(_i420, _rgb, _i420.Width * 3);

    [Benchmark(Description = "I420→RGB OpenCV")]
    public void I420ToRgbOpenCv() => Cv2.CvtColor(_i420Mat, _rgbMat, ColorConversionCodes.YUV2RGB_I420);
}
