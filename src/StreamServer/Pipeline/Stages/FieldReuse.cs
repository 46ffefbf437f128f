namespace PortraitStream.Server.Pipeline.Stages;

/// <summary>What a render takes over from the renderer's work before it (<see cref="ViewRenderer.Render"/>).</summary>
internal enum FieldReuse
{
    /// <summary>Nothing: the render loads its field and builds its grid itself.</summary>
    None,

    /// <summary>
    /// <see cref="ViewRenderer.Prepare"/> loaded this very source's field and grid just before, so the view (a viewer's
    /// pose) could be chosen after that work; the render is the same to the byte as one with <see cref="None"/>.
    /// </summary>
    Prepared,

    /// <summary>
    /// A viewer pose's frame: the triplanes the previous render showed, at a new pose, keeping its field and grid, the
    /// live geometry grid at half its side (<see cref="PortraitStream.Renderer.LiveSampling.ForPoseFrame"/>).
    /// </summary>
    PoseFrame,
}
