// A WHEP viewer (WHIP's exchange turned round): offer to receive video and audio (the session's incoming audio, when
// it has any), POST the offer as application/sdp to /whep/{session}, apply the 201's answer.
// The complete offer goes at once: the server is ICE-lite with host candidates, so nothing is trickled.

const bearer = token => (token ? { Authorization: 'Bearer ' + token } : {});

// The sessions one may watch: [{ id, kind: 'browser' | 'whip', url }].
export async function listSessions(token) {
  const response = await fetch('/whep', { headers: bearer(token) });
  if (!response.ok) throw new Error(`GET /whep: ${response.status} ${await response.text()}`);
  return (await response.json()).sessions;
}

// Starts watching session `id`; `codec` ('VP8' or 'H264', optional) is offered first. Resolves to
// { pc, stream, status, location, answer }; pc is null when the server refused (status and answer say why).
export async function watch(id, { token, codec } = {}) {
  const pc = new RTCPeerConnection();
  const video = pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  if (codec && video.setCodecPreferences) {
    // Only that codec, so the choice is the viewer's (Firefox lacks setCodecPreferences and offers its own order).
    const all = RTCRtpReceiver.getCapabilities('video').codecs;
    video.setCodecPreferences(all.filter(c => c.mimeType.toLowerCase() === 'video/' + codec.toLowerCase()));
  }
  const stream = new MediaStream();
  pc.ontrack = event => stream.addTrack(event.track);
  await pc.setLocalDescription(await pc.createOffer());
  const response = await fetch('/whep/' + encodeURIComponent(id), {
    method: 'POST', headers: { 'Content-Type': 'application/sdp', ...bearer(token) }, body: pc.localDescription.sdp,
  });
  const answer = await response.text();
  if (response.status !== 201) {
    pc.close();
    return { pc: null, stream, status: response.status, location: null, answer };
  }
  await pc.setRemoteDescription({ type: 'answer', sdp: answer });
  return { pc, stream, status: response.status, location: response.headers.get('Location'), answer };
}

// Ends a viewer: DELETE its resource (the server closes its side), then the local connection.
export async function stop(viewer, token) {
  if (!viewer?.pc) return;
  viewer.pc.close();
  await fetch(viewer.location, { method: 'DELETE', headers: bearer(token) });
}
