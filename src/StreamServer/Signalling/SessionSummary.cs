namespace PortraitStream.Server.Signalling;

/// <summary>
/// One live session as <see cref="SessionListing"/> lists it: its id, who opened it (<c>browser</c> or <c>whip</c>),
/// when, its output size (pixels a side), the frames per second it rendered lately and how many WHEP viewers watch;
/// <see cref="Yours"/> marks the caller's own.
/// </summary>
internal sealed record SessionSummary(string Id, string Origin, DateTimeOffset Started, int Size, double FpsOut, int Viewers, bool Yours);
