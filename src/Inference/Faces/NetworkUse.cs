namespace PortraitStream.Inference.Faces;

/// <summary>What a per-frame network (the face mesh, the person matte) did on one frame.</summary>
public enum NetworkUse
{
    /// <summary>Not needed: no face tracked, or nothing on this frame takes it.</summary>
    None,

    /// <summary>Ran on this frame.</summary>
    Ran,

    /// <summary>Not run: the frame took the last result again (the face, or the crop, had not changed enough).</summary>
    Reused,
}
