// Pairs the frames the video shows with the server's PosedFrame pushes (the pose each was rendered for and its quad).
// The pairing key is the RTP timestamp, which requestVideoFrameCallback reports for WebRTC video where the browser
// has it (Chromium); elsewhere the newest push stands in, one frame or so ahead of the picture.
const KEPT = 64; // about two seconds of frames, far more than a push and its picture are ever apart

export class PosedFrames {
  byRtp = new Map();
  newest = null;

  add(frame) {
    this.byRtp.set(frame.rtpTimestamp, frame);
    this.newest = frame;
    if (this.byRtp.size > KEPT) this.byRtp.delete(this.byRtp.keys().next().value);
  }

  // The push for the frame with this RTP timestamp; the newest when the browser gave none or it has not come yet.
  forRtp(rtpTimestamp) {
    return (rtpTimestamp !== undefined && this.byRtp.get(rtpTimestamp)) || this.newest;
  }
}
