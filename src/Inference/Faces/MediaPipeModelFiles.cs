namespace PortraitStream.Inference.Faces;

/// <summary>
/// Where the MediaPipe face mesh, the person matte and the canonical face geometry are read from. The build copies them
/// from third_party/ (./setup.sh) into models/ beside the binaries; <see cref="Default"/> points there.
/// </summary>
public sealed record MediaPipeModelFiles(string FaceMesh, string PersonMatte, string FaceGeometry)
{
    public static MediaPipeModelFiles Default { get; } = In(Path.Combine(AppContext.BaseDirectory, "models"));

    /// <summary>The standard file names in <paramref name="folder"/>.</summary>
    public static MediaPipeModelFiles In(string folder) => new(
        Path.Combine(folder, "facemesh.json"), Path.Combine(folder, "selfie.json"), Path.Combine(folder, "face_geometry.binarypb"));
}
