using PortraitStream.Renderer.Imaging;

namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// Where <see cref="CounterCamera"/> draws a frame's number, as the bits of its <see cref="FrameCode"/> word: for each
/// bit (most significant first) a square block that is white for 1 and one holding its complement, so a reader decides each bit by which of
/// its two blocks is brighter: no threshold to tune against a codec's or a renderer's contrast loss. The blocks are
/// axis-aligned squares of <see cref="Block"/> pixels in a plane of their own — the camera picture for echo, the
/// aligned face crop for the pipeline, so they stay square where the reader finds them —, and
/// <see cref="PlaneToCamera"/> says where that plane lies in the camera picture. The reader averages the square of
/// half-side <see cref="Sample"/> around each block's centre, away from the edges that resampling, rendering and VP8's
/// loop filter blur.
/// </summary>
internal sealed record CodePlacement(FrameCode Code, float Block, float Sample, IReadOnlyList<CodeBlock> Blocks, AffineTransform2D PlaneToCamera)
{
    /// <summary>
    /// Echo mode: the picture comes back as it went, so the code is a strip across the top of the camera picture, two
    /// rows of 16 blocks of 16 pixels on VP8's macroblock grid (blocks stay square and sharp both ways), bits on top;
    /// the 8×8 centre of each is read.
    /// </summary>
    public static CodePlacement EchoStrip { get; } = new(FrameCode.Echo, 16, 4,
        [.. Enumerable.Range(0, FrameCode.Echo.Bits).SelectMany(bit => new[] { new CodeBlock(bit, false, 32 + bit * 16, 0), new CodeBlock(bit, true, 32 + bit * 16, 16) })],
        AffineTransform2D.Identity);

    /// <summary>How many bits, each a block and its complement, the placement holds.</summary>
    public int Bits => Code.Bits;

    /// <summary>
    /// For each camera pixel, which block covers its centre: 0 for none, bit + 1 for a bit's block, −(bit + 1) for its
    /// complement's. Drawn once per clip, then filled per frame.
    /// </summary>
    public int[] CameraMask(int width, int height)
    {
        var cameraToPlane = PlaneToCamera.Inverse();
        var mask = new int[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (u, v) = cameraToPlane.Apply(x + 0.5f, y + 0.5f);
                foreach (var block in Blocks)
                {
                    if (u >= block.X && u < block.X + Block && v >= block.Y && v < block.Y + Block)
                    {
                        mask[y * width + x] = block.Complement ? -(block.Bit + 1) : block.Bit + 1;
                    }
                }
            }
        }

        return mask;
    }

    /// <summary>
    /// Where a reader finds the blocks in a video that shows the plane through <paramref name="planeToVideo"/>: each
    /// block's centre, and the sampled square's half-side, in that video's pixels.
    /// </summary>
    public CodeLayout LayoutIn(AffineTransform2D planeToVideo)
    {
        (float, float) Centre(int bit, bool complement)
        {
            var block = Blocks.Single(b => b.Bit == bit && b.Complement == complement);
            return planeToVideo.Apply(block.X + Block / 2, block.Y + Block / 2);
        }

        var bits = Enumerable.Range(0, Bits).Select(bit =>
        {
            var (x1, y1) = Centre(bit, complement: false);
            var (x0, y0) = Centre(bit, complement: true);
            return new[] { x1, y1, x0, y0 };
        });
        return new CodeLayout(Sample * planeToVideo.Scale, [.. bits]);
    }

    /// <summary>The layout in the camera picture itself (the local preview, and the echoed video).</summary>
    public CodeLayout CameraLayout => LayoutIn(PlaneToCamera);
}

/// <summary>One block of a <see cref="CodePlacement"/>: its bit, whether it holds the complement, its top-left corner.</summary>
internal readonly record struct CodeBlock(int Bit, bool Complement, float X, float Y);
