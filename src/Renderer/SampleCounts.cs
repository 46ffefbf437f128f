namespace PortraitStream.Renderer;

/// <summary>Samples per ray: <see cref="Coarse"/> stratified ones, then <see cref="Importance"/> drawn from their weights (EG3D FFHQ: 48 + 48).</summary>
public readonly record struct SampleCounts(int Coarse, int Importance)
{
    public int Total => Coarse + Importance;
}
