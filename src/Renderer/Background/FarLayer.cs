using System.Numerics;
using PortraitStream.Renderer.Camera;
using PortraitStream.Renderer.Imaging;
using PortraitStream.Renderer.Scene;

namespace PortraitStream.Renderer.Background;

/// <summary>
/// The input's background as a far layer: a plane at world z = <see cref="Depth"/> covered by the crop as the bundle's
/// default camera saw it (<see cref="FarLayerTexture"/>: the person's hole filled, the edge continued), so a turned
/// view sees it move with parallax behind the person. Built once per analysed frame; <see cref="CompositeUnder"/>
/// runs per rendered frame and costs only where the render is transparent.
/// </summary>
public sealed class FarLayer
{
    private readonly FarLayerTexture _texture;
    private readonly PinholeCamera _cropCamera;

    private FarLayer(FarLayerTexture texture, PinholeCamera cropCamera, float depth) => (_texture, _cropCamera, Depth) = (texture, cropCamera, depth);

    /// <summary>World z of the plane.</summary>
    public float Depth { get; }

    /// <summary>
    /// World z at which the parallax between the person's edge and the plane is measured: the box's centre, where
    /// EG3D's bundles put the head (relief v2's silhouette lies on the head's mid-plane, a few centimetres from it).
    /// </summary>
    private const float PersonDepth = 0f;

    /// <summary>
    /// The far depth for a bundle: the back of its box, z = −BoxWarp / 2 (−0.5 for EG3D's FFHQ box). Everything a
    /// bundle's field can draw lies inside the box, so this is the nearest depth certainly behind every part of the
    /// person (a nearer plane would move with less parallax than the hair or shoulders in front of it); a farther one
    /// would sweep faster on a turn and show more of the blurred continuation beyond the crop's edge for no gain: the
    /// true distance of the room behind is unknown either way.
    /// </summary>
    public static float DepthFor(RenderingConfig rendering)
    {
        ArgumentNullException.ThrowIfNull(rendering);
        return -rendering.BoxWarp / 2f;
    }

    /// <summary>
    /// The layer for <paramref name="crop"/> (the encoder's aligned crop) and its person <paramref name="matte"/> (crop
    /// pixels, row-major; null: no matte, the crop is taken as it is), seen through <paramref name="rendering"/>'s
    /// default camera; <paramref name="blurred"/> for <see cref="BackgroundMode.Blur"/>.
    /// </summary>
    public static FarLayer Build(RgbImage crop, float[]? matte, RenderingConfig rendering, bool blurred) =>
        Build(new FarLayerSource(crop, matte, rendering), blurred, null);

    /// <summary>
    /// The layer for <paramref name="source"/> (with its surround, keep and blur show the camera picture beyond the crop),
    /// reusing the pictures of <paramref name="recycle"/>, a layer its owner will not composite again (the composer's
    /// previous one).
    /// </summary>
    internal static FarLayer Build(FarLayerSource source, bool blurred, FarLayer? recycle)
    {
        ArgumentNullException.ThrowIfNull(source);
        var cropCamera = PinholeCamera.For(CameraView.Front, source.Rendering, source.Crop.Width, source.Crop.Height);
        var texture = FarLayerTexture.Build(source.Crop, source.Matte, blurred, recycle?._texture, source.Surround);
        return new FarLayer(texture, cropCamera, DepthFor(source.Rendering));
    }

    /// <summary>Keep's filled crop and filled surround (null where there is none), for a harness to look at.</summary>
    internal (RgbImage? Crop, RgbImage? Surround) Filled => _texture.Filled;

    /// <summary>
    /// <paramref name="target"/> (rendered through <paramref name="camera"/>) over the layer: each pixel that is not
    /// fully opaque looks along its ray to the plane and takes the texture's bilinear sample there
    /// (<see cref="FarLayerTexture.SampleNearInput"/>: the input's own pixels where the ray meets the person's depth
    /// and the plane at the same crop pixel, as the input camera's own rays do); rays that miss
    /// the plane take its mean colour. Rows run in parallel (the render before it has the cores to itself).
    /// </summary>
    public void CompositeUnder(RenderTarget target, PinholeCamera camera) => CompositeUnder(target, camera, 0);

    /// <summary>As <see cref="CompositeUnder(RenderTarget, PinholeCamera)"/> for the camera's picture that starts at
    /// <paramref name="column"/> of the target (a stereo eye's half).</summary>
    public void CompositeUnder(RenderTarget target, PinholeCamera camera, int column)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (camera.Height != target.Height || column < 0 || column + camera.Width > target.Width)
        {
            throw new ArgumentException($"camera is {camera.Width}×{camera.Height}, the target {target.Width}×{target.Height} from column {column}", nameof(camera));
        }
        var map = new FarPlaneMap(camera, _cropCamera, Depth);
        var atPerson = new FarPlaneMap(camera, _cropCamera, PersonDepth);
        Parallel.For(0, target.Height, y =>
        {
            var rgba = target.Rgba;
            for (var x = 0; x < camera.Width; x++)
            {
                var i = y * target.Width + column + x;
                if (rgba[4 * i + 3] != BackgroundBlend.Opaque)
                {
                    BackgroundBlend.Under(rgba, i, map.TryMap(x + 0.5f, y + 0.5f, out var u, out var v) ? Sample(u, v, atPerson, x + 0.5f, y + 0.5f) : _texture.Mean);
                }
            }
        });
    }

    /// <summary>The texture at plane point (u, v), seen through view pixel (px, py) whose ray meets the person's depth where <paramref name="atPerson"/> says.</summary>
    private Vector3 Sample(float u, float v, in FarPlaneMap atPerson, float px, float py) =>
        atPerson.TryMap(px, py, out var pu, out var pv)
            ? _texture.SampleNearInput(u, v, MathF.Sqrt((pu - u) * (pu - u) + (pv - v) * (pv - v)))
            : _texture.Sample(u, v);
}
