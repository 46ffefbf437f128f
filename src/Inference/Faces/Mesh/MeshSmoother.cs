using System.Numerics;

namespace PortraitStream.Inference.Faces.Mesh;

/// <summary>
/// Smooths the crop-space face mesh from frame to frame with one 1€ filter per coordinate, so the geometry an encoder
/// builds from it does not shimmer with the network's per-frame jitter while real motion (speech, blinks) still passes.
/// The crop itself is already smoothed by the tracker; this takes the rest.
/// </summary>
internal sealed class MeshSmoother((float MinCutoff, float Beta) smoothing)
{
    private readonly OneEuroFilter[] _filters = [.. Enumerable.Range(0, 3 * FaceMesh.LandmarkCount).Select(_ => new OneEuroFilter(smoothing.MinCutoff, smoothing.Beta))];

    public Vector3[] Filter(Vector3[] mesh, float dt)
    {
        var smoothed = new Vector3[mesh.Length];
        for (var i = 0; i < mesh.Length && i < FaceMesh.LandmarkCount; i++)
        {
            smoothed[i] = new Vector3(
                _filters[3 * i].Filter(mesh[i].X, dt),
                _filters[3 * i + 1].Filter(mesh[i].Y, dt),
                _filters[3 * i + 2].Filter(mesh[i].Z, dt));
        }
        return smoothed;
    }

    public void Reset()
    {
        foreach (var filter in _filters)
        {
            filter.Reset();
        }
    }
}
