namespace PortraitStream.Renderer.Background;

/// <summary>What fills a render's transparency (<see cref="BackgroundSetting"/> spells each one).</summary>
public enum BackgroundMode
{
    /// <summary>The input's own background as a far layer behind the person, the person's hole in it filled.</summary>
    Keep,

    /// <summary>The same far layer, strongly blurred (video-call style).</summary>
    Blur,

    /// <summary>Nothing: transparent where the render is (PNG keeps the alpha; video gets the chroma-key colour).</summary>
    Remove,

    /// <summary>One opaque colour.</summary>
    Color,

    /// <summary>A fixed picture, cover-fitted to the output.</summary>
    Image,
}
