namespace PortraitStream.Renderer.Styles;

/// <summary>
/// How a render is drawn after the volume render resolved colour, opacity and depth (<see cref="StyleShading"/>; the
/// GPU's Shaders/style.comp). <see cref="RenderStyleNames"/> spells each one for the CLI and the hub.
/// </summary>
public enum RenderStyle
{
    /// <summary>The radiance field's own colours, untouched.</summary>
    None,

    /// <summary>Cel shading: a light's Lambert term quantised into bands, colours posterised.</summary>
    Toon,

    /// <summary>Ink lines where depth, surface direction or opacity jump (silhouettes, nose, jaw).</summary>
    Outline,

    /// <summary>Cyan, translucent, with scan lines and a bright rim where the surface turns away.</summary>
    Hologram,

    /// <summary>Pencil on paper: grey tone, strokes along brightness edges, diagonal hatching in the shadows.</summary>
    Sketch,
}
