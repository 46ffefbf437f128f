namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>A WHIP publisher in the page: headless Chromium's fake camera, sendonly, one codec offered.</summary>
internal static class WhipPublisherScript
{
    /// <summary>Publishes the fake camera over WHIP in the given codec; resolves to { status, location, answer }. The WHIP and WHEP tests and perf whip-to-whep publish this way.</summary>
    public const string Publish = """
        async (codec) => {
          const stream = await navigator.mediaDevices.getUserMedia({ video: true });
          const pc = new RTCPeerConnection();
          window.publisher = pc;
          const transceiver = pc.addTransceiver(stream.getVideoTracks()[0], { direction: 'sendonly' });
          // Offer that codec alone, as OBS offers only H.264.
          transceiver.setCodecPreferences(RTCRtpSender.getCapabilities('video').codecs.filter(c => c.mimeType === 'video/' + codec));
          await pc.setLocalDescription(await pc.createOffer());
          const response = await fetch('/whip', { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription.sdp });
          const answer = await response.text();
          if (response.status === 201) await pc.setRemoteDescription({ type: 'answer', sdp: answer });
          return { status: response.status, location: response.headers.get('Location'), answer };
        }
        """;
}
