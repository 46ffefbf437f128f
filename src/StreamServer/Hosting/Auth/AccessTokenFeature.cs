namespace PortraitStream.Server.Hosting.Auth;

/// <summary>
/// The <c>access_token</c> query value of this request, taken out of its query string before anything logged the
/// request (<see cref="AccessTokenStrippingServer"/>). Browsers cannot set headers on WebSockets or EventSource, so
/// SignalR's client sends the bearer token this way.
/// </summary>
internal sealed record AccessTokenFeature(string Token);
