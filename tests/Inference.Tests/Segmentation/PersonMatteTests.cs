using PortraitStream.Inference.Segmentation;
using Xunit.Abstractions;

namespace PortraitStream.Inference.Tests.Segmentation;

public sealed class PersonMatteTests(ITestOutputHelper output) : IDisposable
{
    private readonly PersonMatte _matte = new(TestData.Sessions);

    public void Dispose() => _matte.Dispose();

    /// <summary>
    /// Regions of the 512² portrait, read off the photo by eye, as fractions of the side: her face (x 0.37–0.51,
    /// y 0.18–0.32) and suit front (x 0.20–0.55, y 0.65–0.85); the flag (x 0–0.10, y 0.05–0.40) and the grey backdrop
    /// above her hair (x 0.55–0.70, y 0–0.12).
    /// </summary>
    [Fact]
    public void Portrait_MatteCoversThePerson_AndNotTheBackground()
    {
        var matte = _matte.Segment(TestData.Portrait);
        var face = Mean(matte, 0.37f, 0.51f, 0.18f, 0.32f);
        var suit = Mean(matte, 0.20f, 0.55f, 0.65f, 0.85f);
        var flag = Mean(matte, 0f, 0.10f, 0.05f, 0.40f);
        var backdrop = Mean(matte, 0.55f, 0.70f, 0f, 0.12f);
        output.WriteLine($"mean person probability: face {face:F3}, suit {suit:F3}, flag {flag:F3}, backdrop {backdrop:F3}");
        Assert.True(face > 0.9f && suit > 0.9f, $"person: face {face:F3}, suit {suit:F3}");
        Assert.True(flag < 0.1f && backdrop < 0.1f, $"background: flag {flag:F3}, backdrop {backdrop:F3}");
    }

    [Fact]
    public void NoFace_MatteIsNearlyEmpty()
    {
        var matte = _matte.Segment(TestData.Read("no-face.jpg"));
        var covered = matte.Count(p => p > 0.5f) / (float)matte.Length;
        output.WriteLine($"no-face.jpg: {covered:P2} of pixels above 0.5, mean {matte.Average():F3}");
        Assert.True(covered < 0.02f, $"{covered:P2} of a picture with no person marked as person");
    }

    private static float Mean(float[] matte, float x0, float x1, float y0, float y1)
    {
        const int size = PersonMatte.InputSize;
        var (sum, count) = (0.0, 0);
        for (var y = (int)(y0 * size); y < (int)(y1 * size); y++)
        {
            for (var x = (int)(x0 * size); x < (int)(x1 * size); x++)
            {
                sum += matte[y * size + x];
                count++;
            }
        }
        return (float)(sum / count);
    }
}
