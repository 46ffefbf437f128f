namespace PortraitStream.Inference.Relief.V2;

/// <summary>
/// What relief v2's five triplane channels hold. The XY plane: the logit of the surface colour (R, G, B), −c (the
/// person's mid-plane depth) and h(x, y) (the person's half-thickness at that column, negative where the column is empty);
/// the XZ plane: 0, 0, 0, z, 0; the ZX plane: zeros. The mean over the planes is therefore (logit colour / 3,
/// (z − c) / 3, h / 3), which <see cref="ReliefV2Decoder"/> turns into colour and a density that is solid where
/// |z − c| &lt; h: a closed body, front surface c + h, back surface c − h.
/// </summary>
public static class ReliefV2Channels
{
    public const int Count = 5;
    public const int Offset = 3;
    public const int HalfThickness = 4;
    public const int XyPlane = 0;
}
