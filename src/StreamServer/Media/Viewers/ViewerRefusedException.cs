namespace PortraitStream.Server.Media.Viewers;

/// <summary>A viewer was not added: the session is full, or it <see cref="Ended"/> while the viewer was being set up.</summary>
internal sealed class ViewerRefusedException(bool ended, string message) : Exception(message)
{
    public bool Ended { get; } = ended;
}
