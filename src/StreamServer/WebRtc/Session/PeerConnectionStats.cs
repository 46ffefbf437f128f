using System.Net;

namespace PortraitStream.Server.WebRtc.Session;

/// <summary>A snapshot of one session's media edge, for the stats the hub will push and for tests.</summary>
internal sealed record PeerConnectionStats(
    long Datagrams,
    long Faults,
    long Unprotectable,
    long FramesReceived,
    long FramesDropped,
    long PacketsRetransmitted,
    long RembsReceived,
    int TargetBitrate,
    TimeSpan? RoundTripTime,
    long DtlsDiscarded,
    IPEndPoint? SelectedRemote,
    IPEndPoint LocalEndPoint);
