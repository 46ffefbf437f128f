namespace PortraitStream.Inference.Relief;

/// <summary>
/// What the relief bundle's four triplane channels hold. The XY plane: the logit of the surface colour (R, G, B) and
/// −depth(x, y); the XZ plane: 0, 0, 0 and z; the ZX plane: zeros. The mean over the three planes is therefore
/// (logit colour / 3, (z − depth(x, y)) / 3), which <see cref="ReliefDecoder"/> turns into colour and density.
/// </summary>
public static class ReliefChannels
{
    public const int Count = 4;
    public const int Depth = 3;
    public const int XyPlane = 0;
}
