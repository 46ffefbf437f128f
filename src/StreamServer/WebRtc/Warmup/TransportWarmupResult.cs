namespace PortraitStream.Server.WebRtc.Warmup;

/// <summary>What <see cref="TransportWarmup"/> ran: offers read and answered, calls keyed, frames and packets that crossed.</summary>
/// <param name="OffersAnswered">Offers read and answered: each codec preferred, each direction (browser, WHIP, WHEP).</param>
/// <param name="Handshakes">STUN checks nominated and DTLS handshakes finished with SRTP keys, one per codec.</param>
/// <param name="KeyFrames">Key frames packetized, protected, unprotected and reassembled, both ways.</param>
/// <param name="OpusPackets">Opus packets that crossed SRTP, both ways.</param>
/// <param name="Took">How long it took.</param>
internal sealed record TransportWarmupResult(int OffersAnswered, int Handshakes, int KeyFrames, int OpusPackets, TimeSpan Took);
