// Sends the viewer's head pose to the server (SetViewerPose) at most 90 times a second — a headset's display rate,
// what the server admits — however fast the caller's frames come. Refusals (malformed values) are kept, not thrown:
// the caller's frame loop must go on.
const MIN_INTERVAL_MS = 1000 / 90;

export class PoseSender {
  sent = [];        // the last poses sent: { position, orientation, timestampMs }
  dropped = 0;      // poses the server's flood limit dropped
  error = null;
  lastSentAt = -Infinity;

  constructor(session) {
    this.session = session;
  }

  // position [x, y, z] metres and orientation [x, y, z, w] in the XR local space, at timestampMs (the frame's time).
  send(position, orientation, timestampMs) {
    if (timestampMs - this.lastSentAt < MIN_INTERVAL_MS) return false;
    this.lastSentAt = timestampMs;
    const pose = { position, orientation, timestampMs };
    this.sent.push(pose);
    if (this.sent.length > 512) this.sent.shift();
    this.session.invoke('SetViewerPose', position, orientation, timestampMs)
      .then(admitted => { if (!admitted) this.dropped++; })
      .catch(e => { this.error = String(e?.message ?? e).replace(/^.*HubException: /, ''); });
    return true;
  }
}
