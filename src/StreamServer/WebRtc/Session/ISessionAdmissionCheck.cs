namespace PortraitStream.Server.WebRtc.Session;

/// <summary>
/// A service whose load decides whether one more session can be served well (the renderer, for the live pipeline).
/// The session manager asks every registered check before it reserves a slot.
/// </summary>
internal interface ISessionAdmissionCheck
{
    /// <summary>Null when one more session fits; otherwise why not, fit to show the user.</summary>
    string? RefusalForAnotherSession();
}
