// One streaming session: the SignalR hub at /hub (signalling + controls + stats) and the RTCPeerConnection that
// sends the camera and receives the rendered view. The server is ICE-lite, so the offer goes out without candidates.
import { isUnauthorized } from './access-token.js';

export class Session extends EventTarget {
  hub = null;
  pc = null;

  // accessToken: () => the token for a server that needs one, or '' (SignalR then sends none).
  constructor(accessToken) {
    super();
    this.accessToken = accessToken;
  }

  async connect() {
    this.hub = new signalR.HubConnectionBuilder().withUrl('/hub', { accessTokenFactory: this.accessToken }).build();
    this.hub.on('Stats', stats => this.dispatchEvent(new CustomEvent('stats', { detail: stats })));
    this.hub.on('PeerClosed', reason => this.dispatchEvent(new CustomEvent('closed', { detail: reason })));
    this.hub.onclose(() => this.dispatchEvent(new CustomEvent('closed', { detail: 'connection to the server lost' })));
    try {
      await this.hub.start();
    } catch (e) {
      this.hub = null;
      if (isUnauthorized(e)) {
        throw new Error(this.accessToken()
          ? 'The server refused this access token (401 Unauthorized): check the Token field and press Start again.'
          : 'This server needs an access token (401 Unauthorized): enter the one its operator gave you in the Token field and press Start.');
      }
      throw new Error(`Server unreachable (${location.origin}): is it running? ${e.message ?? e}`);
    }
  }

  async start(camera, remoteVideo) {
    if (!this.hub) await this.connect();
    this.pc = new RTCPeerConnection();
    this.pc.addTransceiver(camera.getVideoTracks()[0], { direction: 'sendrecv' });
    // The microphone, when there is one: the server sends it back delayed to match the rendered video.
    for (const microphone of camera.getAudioTracks()) this.pc.addTransceiver(microphone, { direction: 'sendrecv' });
    // The server names one stream for its video and audio, so the browser plays them in sync in the one element.
    this.pc.ontrack = event => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      if (remoteVideo.srcObject !== stream) remoteVideo.srcObject = stream;
    };
    this.pc.onconnectionstatechange = () =>
      this.dispatchEvent(new CustomEvent('state', { detail: this.pc?.connectionState ?? 'closed' }));
    await this.pc.setLocalDescription(await this.pc.createOffer());
    const answer = await this.hub.invoke('Offer', this.pc.localDescription.sdp);
    await this.pc.setRemoteDescription({ type: 'answer', sdp: answer });
  }

  // What this browser's WebRTC stack counts for the rendered video it receives (the inbound-rtp video report):
  // frames received, decoded and dropped since the session started, and the seconds frames spent in the jitter buffer
  // (summed over the frames it emitted: their quotient is the mean hold); zeros before it has any.
  inboundVideo() {
    return this.#inbound('video', ['framesReceived', 'framesDecoded', 'framesDropped', 'jitterBufferDelay', 'jitterBufferEmittedCount']);
  }

  // What this browser's WebRTC stack counts for the audio it receives back (the inbound-rtp audio report): packets
  // received, and the seconds samples spent in the jitter buffer summed over the samples it emitted (their quotient is
  // the mean hold), with the part it aimed for (target: network jitter and any minimum) and the minimum it was given
  // (the delay it adds to line the sound up with the video, or a playout-delay); zeros without audio.
  inboundAudio() {
    return this.#inbound('audio', ['packetsReceived', 'jitterBufferDelay', 'jitterBufferEmittedCount', 'jitterBufferTargetDelay', 'jitterBufferMinimumDelay']);
  }

  // The named counters of the inbound-rtp reports of one kind, summed; zeros without a connection or such a report.
  async #inbound(kind, keys) {
    const counts = Object.fromEntries(keys.map(key => [key, 0]));
    if (!this.pc) return counts;
    for (const report of (await this.pc.getStats()).values()) {
      if (report.type === 'inbound-rtp' && report.kind === kind) {
        for (const key of keys) counts[key] += report[key] ?? 0;
      }
    }
    return counts;
  }

  // Calls a hub method; a refusal (HubException) rejects with the server's message.
  invoke(method, ...args) {
    if (!this.hub) return Promise.reject(new Error('not connected'));
    return this.hub.invoke(method, ...args);
  }

  async stop() {
    if (this.pc) { this.pc.close(); this.pc = null; }
    if (this.hub) { await this.hub.invoke('Close').catch(() => {}); }
  }
}
