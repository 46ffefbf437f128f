using Microsoft.ML.OnnxRuntime;
using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Recognition;
using PortraitStream.Inference.Tfjs;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Tfjs;

/// <summary>
/// Our TF.js → ONNX conversion against the original model: TF.js 4.22's CPU backend ran the unconverted graph on the
/// same input (tools/tfjs-reference, outputs committed under tests/data/tfjs-reference); ONNX Runtime must agree within
/// 1e-3 on every value (landmarks are in input pixels, 0…192; the matte is a probability; HSE's face descriptor's pooled
/// ReLU6 features lie in 0…6, its age and gender heads are probabilities; MobileFace's 256 features lie within ±20).
/// </summary>
public class TfjsImportParityTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-3f;

    [Fact]
    public void FaceMesh_LandmarksAndFaceFlag_MatchTfjs()
    {
        var reference = TfjsReference.Read("facemesh");
        var outputs = Run(MediaPipeModelFiles.Default.FaceMesh, reference, ["output_mesh", "output_faceflag"]);
        AssertClose("output_mesh", reference.Outputs["output_mesh"], outputs[0]);
        AssertClose("output_faceflag", reference.Outputs["output_faceflag"], outputs[1]);
    }

    [Fact]
    public void SelfieSegmentation_Matte_MatchesTfjs()
    {
        var reference = TfjsReference.Read("selfie");
        var matte = Run(MediaPipeModelFiles.Default.PersonMatte, reference, ["activation_10"])[0];
        AssertClose("activation_10", reference.Outputs["activation_10"], reference.Subsampled(matte, reference.Size, reference.Size));
    }

    [Fact]
    public void FaceDescriptor_EmbeddingAgeAndGender_MatchTfjs()
    {
        string[] names = ["global_pooling/Mean", "gender_pred/Sigmoid", "age_pred/Softmax"];
        var reference = TfjsReference.Read("faceres");
        var outputs = Run(FaceDescriptorModel.Hse.DefaultPath, reference, names);
        for (var i = 0; i < names.Length; i++)
        {
            AssertClose(names[i], reference.Outputs[names[i]], outputs[i]);
        }
    }

    [Fact]
    public void MobileFace_Embedding_MatchesTfjs()
    {
        var model = FaceDescriptorModel.MobileFace;
        var reference = TfjsReference.Read("mobileface");
        var embedding = Run(model.DefaultPath, reference, [model.EmbeddingOutput])[0];
        AssertClose(model.EmbeddingOutput, reference.Outputs[model.EmbeddingOutput], embedding);
    }

    private static float[][] Run(string modelJson, TfjsReference reference, string[] names)
    {
        using var session = TfjsSessions.Create(TestData.Sessions, modelJson);
        using var input = OrtValue.CreateTensorValueFromMemory(reference.Input(TestData.Portrait), [1, reference.Size, reference.Size, 3]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, [session.InputNames[0]], [input], names);
        return [.. outputs.Select(o => o.GetTensorDataAsSpan<float>().ToArray())];
    }

    private void AssertClose(string name, float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual, (e, a) => MathF.Abs(e - a)).Max();
        output.WriteLine($"{name}: {expected.Length} values, max |ONNX − TF.js| = {worst:E2}");
        Assert.True(worst <= Tolerance, $"{name}: max difference {worst:E2} > {Tolerance:E0}");
    }
}
