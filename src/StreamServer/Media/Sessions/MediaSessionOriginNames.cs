namespace PortraitStream.Server.Media.Sessions;

/// <summary>How sessions are named by kind outside the server (metrics tags, session lists).</summary>
internal static class MediaSessionOriginNames
{
    // "browser" was the only kind before WHIP; dashboards keep their series.
    public static string Kind(this MediaSessionOrigin origin) => origin == MediaSessionOrigin.Hub ? "browser" : "whip";
}
