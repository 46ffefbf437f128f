namespace PortraitStream.Server.WebRtc.Session;

/// <summary>How many received packets one layer dropped for one reason (the layer's own counter, as it is now).</summary>
internal readonly record struct PacketErrorCount(string Layer, string Reason, long Count);
