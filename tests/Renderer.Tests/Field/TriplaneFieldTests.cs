using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Field;
using PortraitStream.Renderer.Scene;
using PortraitStream.Renderer.Tests.Scenes;

namespace PortraitStream.Renderer.Tests.Field;

/// <summary>grid_sample(mode=bilinear, padding_mode=zeros, align_corners=False) semantics, projected by declared axes, mean over planes.</summary>
public sealed class TriplaneFieldTests
{
    private const int Resolution = 8;
    private const float BoxWarp = 2f;

    /// <summary>Texel i's centre is at normalised (2i + 1) / R − 1; there the sample is exactly that texel.</summary>
    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 5)]
    [InlineData(7, 7)]
    public void TexelCentre_ReadsThatTexel(int column, int row)
    {
        var field = Load(TexelIndexPlane(), [PlaneAxes.XY]);

        Assert.Equal(TexelValue(column, row), SampleOne(field, new Vector3(Centre(column), Centre(row), 0.3f)), 1e-5f);
    }

    [Fact]
    public void BetweenFourCentres_ReadsTheirBilinearMean()
    {
        var field = Load(TexelIndexPlane(), [PlaneAxes.XY]);
        float x = 0.25f * Centre(2) + 0.75f * Centre(3), y = 0.5f * (Centre(4) + Centre(5));

        float expected = 0.5f * (0.25f * TexelValue(2, 4) + 0.75f * TexelValue(3, 4)) + 0.5f * (0.25f * TexelValue(2, 5) + 0.75f * TexelValue(3, 5));
        Assert.Equal(expected, SampleOne(field, new Vector3(x, y, 0f)), 1e-4f);
    }

    /// <summary>Zero padding: at the box face (half a texel past the last centre) the edge texel is blended with 0; a texel further out reads 0.</summary>
    [Theory]
    [InlineData(1f, 0.5f)]
    [InlineData(-1f, 0.5f)]
    [InlineData(1.25f, 0f)]
    [InlineData(-1.25f, 0f)]
    public void PastTheEdge_BlendsWithZero(float x, float edgeFraction)
    {
        var planes = new Triplanes(new TriplaneLayout(1, Resolution, [PlaneAxes.XY]));
        planes.Channel(0, 0).Fill(2f);
        var field = Load(planes, [PlaneAxes.XY]);

        Assert.Equal(2f * edgeFraction, SampleOne(field, new Vector3(x, Centre(3), 0f)), 1e-5f);
    }

    /// <summary>A plane declared ZX takes u from z and v from x (EG3D's third plane).</summary>
    [Fact]
    public void DeclaredAxes_PickTheProjection()
    {
        var field = Load(TexelIndexPlane(), [PlaneAxes.ZX]);

        Assert.Equal(TexelValue(6, 1), SampleOne(field, new Vector3(Centre(1), -0.9f, Centre(6))), 1e-5f);
    }

    [Fact]
    public void Planes_AreAveraged()
    {
        var planes = new Triplanes(new TriplaneLayout(2, Resolution, PlaneAxes.Eg3d));
        for (int plane = 0; plane < 3; plane++)
        {
            planes.Channel(plane, 0).Fill(plane + 1f);
            planes.Channel(plane, 1).Fill(-3f * plane);
        }
        var field = new TriplaneField();
        field.Load(planes, BoxWarp);
        var features = new float[2];

        SampleAt(field, new Vector3(0.1f, -0.2f, 0.3f), features);

        Assert.Equal(2f, features[0], 1e-5f);
        Assert.Equal(-3f, features[1], 1e-5f);
    }

    /// <summary>
    /// A plane of zeros is not sampled (relief v2's third plane) but keeps its share of the mean; the next frame's field,
    /// with that plane filled, is sampled in full. Narrow (1 channel) and general (11 channels) sums alike.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(11)]
    public void PlaneOfZeros_KeepsItsShareOfTheMean_AndTheNextFieldIsSampledInFull(int channels)
    {
        var planes = new Triplanes(new TriplaneLayout(channels, Resolution, PlaneAxes.Eg3d));
        for (int channel = 0; channel < channels; channel++)
        {
            planes.Channel(1, channel).Fill(3f);
            planes.Channel(2, channel).Fill(6f);
        }
        var field = new TriplaneField();
        var features = new float[channels];
        var point = new Vector3(0.1f, -0.2f, 0.3f);

        field.Load(planes, BoxWarp);
        SampleAt(field, point, features);
        Assert.All(features, value => Assert.Equal(3f, value, 1e-5f));

        for (int channel = 0; channel < channels; channel++) planes.Channel(0, channel).Fill(3f);
        field.Load(planes, BoxWarp);
        SampleAt(field, point, features);
        Assert.All(features, value => Assert.Equal(4f, value, 1e-5f));
    }

    /// <summary>
    /// A ray's batch (a general field's taps listed first, then the sums, texels prefetched ahead; a narrow field's
    /// summed point by point) gives each sample exactly what a one-point query gives, for batches shorter and longer than the prefetch distance, partly outside the planes,
    /// and with planes small enough to skip prefetching (32²) and large enough to use it (256², 8.7 MB); 11 channels take
    /// the general sums, 5 and 8 (within one vector, as the relief models) the narrow ones.
    /// </summary>
    [Theory]
    [InlineData(1, 32, 11)]
    [InlineData(3, 32, 11)]
    [InlineData(48, 32, 11)]
    [InlineData(3, 256, 11)]
    [InlineData(48, 256, 11)]
    [InlineData(1, 32, 5)]
    [InlineData(7, 32, 5)]
    [InlineData(7, 256, 8)]
    public void RayBatch_MatchesOnePointQueries(int count, int resolution, int channels)
    {
        var field = new TriplaneField();
        field.Load(RandomScene.Triplanes(channels, resolution), BoxWarp);
        var ray = new Ray(new Vector3(-1.2f, 0.3f, -0.4f), Vector3.Normalize(new Vector3(1f, -0.2f, 0.35f)));
        float[] depths = [.. Enumerable.Range(0, count).Select(k => 0.06f * k)];
        var batch = new float[count * channels];

        field.Sample(ray, depths, batch, new FieldTaps(count));

        for (int k = 0; k < count; k++)
        {
            var one = new float[channels];
            SampleAt(field, ray.At(depths[k]), one);
            Assert.Equal(one, batch.AsSpan(k * channels, channels).ToArray());
        }
    }

    private static float Centre(int i) => ((2f * i + 1f) / Resolution - 1f) * BoxWarp / 2f;

    private static float TexelValue(int column, int row) => row * 10f + column;

    private static Triplanes TexelIndexPlane()
    {
        var planes = new Triplanes(new TriplaneLayout(1, Resolution, [PlaneAxes.XY]));
        var channel = planes.Channel(0, 0);
        for (int row = 0; row < Resolution; row++)
        {
            for (int column = 0; column < Resolution; column++)
            {
                channel[row * Resolution + column] = TexelValue(column, row);
            }
        }
        return planes;
    }

    private static TriplaneField Load(Triplanes planes, PlaneAxes[] axes)
    {
        var field = new TriplaneField();
        field.Load(new Triplanes(new TriplaneLayout(1, Resolution, axes), planes.Data), BoxWarp);
        return field;
    }

    private static float SampleOne(TriplaneField field, Vector3 point)
    {
        var features = new float[1];
        SampleAt(field, point, features);
        return features[0];
    }

    /// <summary>One point, as the depth-0 sample of a ray starting there.</summary>
    private static void SampleAt(TriplaneField field, Vector3 point, Span<float> features) =>
        field.Sample(new Ray(point, Vector3.UnitZ), [0f], features, new FieldTaps(1));
}
