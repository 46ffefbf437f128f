namespace PortraitStream.Server.WebRtc.Faults;

/// <summary>Which way through a peer connection's socket an injector works; its value offsets the seed.</summary>
internal enum FaultPath
{
    /// <summary>Datagrams from the browser, before the demux.</summary>
    Receive = 0,

    /// <summary>Datagrams to the browser, as they leave the socket.</summary>
    Send = 1,
}
