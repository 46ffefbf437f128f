using PortraitStream.Server.WebRtc.Sdp;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>An offer that cannot be answered, with the typed reason.</summary>
internal sealed class OfferRejectedException : Exception
{
    /// <summary>Wraps <paramref name="rejection"/>.</summary>
    public OfferRejectedException(OfferRejection rejection)
        : base(rejection.Message)
    {
        Rejection = rejection;
    }

    /// <summary>The reason and message.</summary>
    public OfferRejection Rejection { get; }
}
