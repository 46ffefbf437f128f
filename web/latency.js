// Glass-to-glass latency, driven by perf/GlassToGlass.cs: echo.html?latency=<options JSON> loads this in echo mode;
// in pipeline mode the harness adds it to the product page and calls measureLatency itself. The fake camera plays a
// clip whose frames carry their own number in code blocks (tests/StreamServer.Tests/EndToEnd/CounterCamera.cs; the
// caller passes where they are in each video). Every frame presented by the local preview and by the received video
// is read back through a canvas; a number's latency is the received frame's presentation time minus the local frame's,
// both on this page's clock, so camera pacing, encode, network, server, jitter buffer and decode are inside.
'use strict';

// A bit whose two blocks differ by less than this (0–255 RGB) is unreadable: a blend of two frames, or a smear.
const codeMargin = 48;

// How many rejected (unreadable or mixed) frames of each video keep their picture, for a failing test to save and someone to look at.
const keptRejects = 8;

window.latency = {
  samples: [], localRead: 0, remoteRead: 0, localUnreadable: 0, remoteUnreadable: 0, localMixed: 0, remoteMixed: 0,
  raced: 0, unavailable: 0, unpaired: 0, rejected: [],
};

// The code word in a frame, or -1 when any bit is unreadable. layout (CodeLayout.cs): per bit the centres of its
// block and of its complement's, [x1, y1, x0, y0] in the video's pixels, the half-side of the square averaged
// around each centre, and how far the code may have moved: in the rendered view it moves with the crop the server
// cuts, which follows BlazeFace's reading of each frame (the code moves its keypoints), and under a CI run's load the
// rejected frames showed the crop 6 % smaller and 10 and 8 pixels off the placement: every bit read there, the one
// beside the shoulder not where the placement put it. Where the code does not read in place, or reads a word that
// fails its check (accepts(word) false), the reader tries the layout scaled by up to ± scaleDrift about the code's
// centre and shifted, every block centre moved by at most drift pixels (so none is read in its neighbour's block), and
// takes the placement whose word passes with the widest margin; else it returns what it read in place. Only the
// bounding box of what it may read is read back from the canvas.
function readCode(frame, context, layout, accepts) {
  context.drawImage(frame, 0, 0);
  const r = layout.radius, drift = layout.drift ?? 0, scaleDrift = layout.scaleDrift ?? 0;
  const xs = layout.bits.flatMap(b => [b[0], b[2]]), ys = layout.bits.flatMap(b => [b[1], b[3]]);
  const reach = r + drift;
  const cx = xs.reduce((a, b) => a + b) / xs.length, cy = ys.reduce((a, b) => a + b) / ys.length;
  const left = Math.max(0, Math.floor(Math.min(...xs) - reach)), top = Math.max(0, Math.floor(Math.min(...ys) - reach));
  const right = Math.min(context.canvas.width, Math.ceil(Math.max(...xs) + reach));
  const bottom = Math.min(context.canvas.height, Math.ceil(Math.max(...ys) + reach));
  const area = context.getImageData(left, top, right - left, bottom - top);
  const mean = (px, py) => {
    let sum = 0, count = 0;
    for (let y = Math.max(top, Math.round(py - r)); y < Math.min(bottom, Math.round(py + r)); y++)
      for (let x = Math.max(left, Math.round(px - r)); x < Math.min(right, Math.round(px + r)); x++) {
        const i = ((y - top) * area.width + (x - left)) * 4;
        sum += area.data[i] + area.data[i + 1] + area.data[i + 2];
        count += 3;
      }
    return count ? sum / count : NaN;
  };
  // The word with the layout scaled by s about the code's centre and shifted by (dx, dy), and its narrowest bit's
  // margin; -1 when a bit is unreadable.
  const read = (s, dx, dy) => {
    const meanAt = (x, y) => mean(cx + s * (x - cx) + dx, cy + s * (y - cy) + dy);
    let word = 0, margin = Infinity;
    for (const [x1, y1, x0, y0] of layout.bits) {
      const difference = meanAt(x1, y1) - meanAt(x0, y0);
      if (!(Math.abs(difference) >= codeMargin)) return { word: -1, margin: 0 };
      word = word * 2 + (difference > 0 ? 1 : 0);
      margin = Math.min(margin, Math.abs(difference));
    }
    return { word, margin };
  };
  const inPlace = read(1, 0, 0);
  if ((inPlace.word >= 0 && accepts(inPlace.word)) || drift <= 0) return inPlace.word;
  let best = { word: -1, margin: 0 };
  // The farthest any block centre moves: its offset from the code's centre scaled, plus the shift.
  const spread = Math.max(...xs.map(x => Math.abs(x - cx)), ...ys.map(y => Math.abs(y - cy)));
  for (let s = 1 - scaleDrift; s <= 1 + scaleDrift + 1e-6; s += 0.02)
    for (let dy = -drift; dy <= drift; dy += 2)
      for (let dx = -drift; dx <= drift; dx += 2) {
        if (Math.abs(s - 1) * spread + Math.max(Math.abs(dx), Math.abs(dy)) > drift) continue;
        const found = read(s, dx, dy);
        if (found.margin > best.margin && accepts(found.word)) best = found;
      }
  return best.word >= 0 ? best.word : inPlace.word;
}

// The number a code word carries, or -1 when its check bits disagree with it: VP8 left some bits' blocks from an
// older frame, so the word mixes two numbers. code (FrameCode.cs): the number in reflected Gray code, then a CRC of
// checkBits over those Gray bits, most significant first, polynomial without its top term.
function decodeWord(word, { numberBits, checkBits, polynomial }) {
  const mask = (1 << checkBits) - 1, gray = word >> checkBits;
  let remainder = 0;
  for (let i = numberBits - 1; i >= 0; i--) {
    const feedback = ((gray >> i) & 1) ^ ((remainder >> (checkBits - 1)) & 1);
    remainder = (remainder << 1) & mask;
    if (feedback) remainder ^= polynomial;
  }
  if (gray >= 1 << numberBits || remainder !== (word & mask)) return -1;
  let number = gray;
  for (let shift = gray >> 1; shift; shift >>= 1) number ^= shift;
  return number;
}

// Calls onCode(number, presentationTime) for every presented frame of the video whose code reads and checks,
// onUnreadable() or onMixed() for the others, and keeps the first few of those as PNG data URLs in
// window.latency.rejected ({ side, kind, picture }) under the name side.
function watchCodes(side, video, layout, code, onCode, onUnreadable, onMixed) {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const onFrame = (now, metadata) => {
    if (canvas.width !== metadata.width || canvas.height !== metadata.height) {
      canvas.width = metadata.width;
      canvas.height = metadata.height;
    }
    // The element's current frame may already be a newer one than the callback's metadata describes, on a busy main
    // thread; reading that one would pair a number with the wrong time. Its timestamp tells them apart. Right after
    // the stream starts the element may have no frame to give yet (InvalidStateError).
    let frame = null;
    try { frame = new VideoFrame(video); } catch { window.latency.unavailable++; }
    if (frame && frame.timestamp !== Math.round(metadata.mediaTime * 1e6)) window.latency.raced++;
    else if (frame) {
      const word = readCode(frame, context, layout, w => decodeWord(w, code) >= 0), number = word < 0 ? -1 : decodeWord(word, code);
      if (number >= 0) onCode(number, metadata.presentationTime);
      else {
        if (word < 0) onUnreadable();
        else onMixed();
        if (window.latency.rejected.filter(kept => kept.side === side).length < keptRejects)
          window.latency.rejected.push({ side, kind: word < 0 ? 'unreadable' : 'mixed', picture: canvas.toDataURL('image/png') });
      }
    }
    frame?.close();
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

// options: { loopMs, code, local, remote } — how long the clip plays before its numbers repeat, how they are coded,
// and where the code is in each video (the same place in echo mode; inside the rendered face crop in pipeline mode). Either side may present a
// number first (on a loaded machine the local preview can lag the echo), so each waits for its pair; a number still
// unpaired half a loop later (its frame dropped or unread on the other side) is counted and forgotten, not matched
// with the next round's.
function measureLatency(localVideo, remoteVideo, { loopMs, code, local, remote }) {
  const pending = new Map();
  const entryFor = (number, time) => {
    let entry = pending.get(number);
    if (entry && Math.abs(time - (entry.local ?? entry.remote)) > loopMs / 2) {
      window.latency.unpaired++;
      entry = undefined;
    }
    if (!entry) pending.set(number, entry = {});
    return entry;
  };
  const settle = (number, entry) => {
    if (entry.local === undefined || entry.remote === undefined) return;
    pending.delete(number);
    window.latency.samples.push(entry.remote - entry.local);
  };
  watchCodes('local', localVideo, local, code, (number, presented) => {
    window.latency.localRead++;
    const entry = entryFor(number, presented);
    entry.local ??= presented;
    settle(number, entry);
  }, () => window.latency.localUnreadable++, () => window.latency.localMixed++);
  watchCodes('received', remoteVideo, remote, code, (number, presented) => {
    window.latency.remoteRead++;
    const entry = entryFor(number, presented);
    entry.remote ??= presented;
    settle(number, entry);
  }, () => window.latency.remoteUnreadable++, () => window.latency.remoteMixed++);
}
