using System.Numerics;

namespace PortraitStream.Inference.Faces;

/// <summary>
/// The anchor grid of MediaPipe's short-range ("front") BlazeFace model at 128×128: a 16×16 grid with 2 anchors per
/// cell (stride 8) feeding the model's first output pair, and an 8×8 grid with 6 anchors per cell (stride 16) feeding
/// the second, 512 + 384 = 896 anchors. Every anchor is a unit-size box centred on its cell, in normalised input
/// coordinates ([0, 1], y down); regressions are offsets in input pixels from that centre.
/// </summary>
internal static class BlazeFaceAnchors
{
    /// <summary>One detection head: the cells per row of its grid and the anchors per cell.</summary>
    public readonly record struct Head(int CellsPerRow, int AnchorsPerCell)
    {
        public int AnchorCount => CellsPerRow * CellsPerRow * AnchorsPerCell;

        /// <summary>The centre of anchor <paramref name="index"/>; anchors are ordered row, column, anchor-in-cell.</summary>
        public Vector2 Center(int index)
        {
            var cell = index / AnchorsPerCell;
            return new Vector2((cell % CellsPerRow + 0.5f) / CellsPerRow, (cell / CellsPerRow + 0.5f) / CellsPerRow);
        }
    }

    public static readonly Head Stride8 = new(16, 2);
    public static readonly Head Stride16 = new(8, 6);
}
