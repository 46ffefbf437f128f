namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>A WHIP publisher in the page: headless Chromium's fake camera (and fake microphone when asked), sendonly, one video codec offered.</summary>
internal static class WhipPublisherScript
{
    /// <summary>
    /// Publishes the fake camera over WHIP in the given codec, with the fake microphone's Opus when the second argument
    /// is true; resolves to { status, location, answer, postedAt } (postedAt: performance.now() as the POST left, after the
    /// page's own camera start and offer). The WHIP and WHEP tests and perf whip-to-whep publish this way.
    /// </summary>
    public const string Publish = """
        async (codec, audio = false) => {
          const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio });
          const pc = new RTCPeerConnection();
          window.publisher = pc;
          const transceiver = pc.addTransceiver(stream.getVideoTracks()[0], { direction: 'sendonly' });
          if (audio) pc.addTransceiver(stream.getAudioTracks()[0], { direction: 'sendonly' });
          // Offer that codec alone, as OBS offers only H.264.
          transceiver.setCodecPreferences(RTCRtpSender.getCapabilities('video').codecs.filter(c => c.mimeType === 'video/' + codec));
          await pc.setLocalDescription(await pc.createOffer());
          const postedAt = performance.now();
          const response = await fetch('/whip', { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
          const answer = await response.text();
          if (response.status === 201) await pc.setRemoteDescription({ type: 'answer', sdp: answer });
          return { status: response.status, location: response.headers.get('Location'), answer, postedAt };
        }
        """;
}
