using PortraitStream.Inference.Faces;
using PortraitStream.Inference.Faces.Mesh;

namespace PortraitStream.Inference.Tests.Faces.Mesh;

/// <summary>The detector and face mesh a tracker with a mesh runs, loaded once per test class.</summary>
public sealed class TrackerNetworks : IDisposable
{
    public BlazeFaceDetector Detector { get; } = new(TestData.Sessions);

    public FaceMeshPose Mesh { get; } = new(TestData.Sessions);

    public void Dispose()
    {
        Detector.Dispose();
        Mesh.Dispose();
    }
}
