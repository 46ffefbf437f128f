// Glass-to-glass latency in echo mode: echo.html?latency=<loop ms> loads this; perf/GlassToGlass.cs drives it.
// The fake camera plays a clip whose frames carry their own number in a code strip (layout below, written by
// tests/StreamServer.Tests/EndToEnd/CounterCamera.cs). Every frame presented by the local preview and by the echoed
// video is read back through a canvas; a number's latency is the echoed frame's presentation time minus the local
// frame's, both on this page's clock, so camera pacing, encode, network, server, jitter buffer and decode are inside.
'use strict';

// Same layout as CounterCamera: two rows of codeBits blocks, bits on top, their complement under them.
const codeBits = 16, codeBlock = 16, codeLeft = 32, codeTop = 0;
// A bit whose two blocks differ by less than this (0–255 RGB) is unreadable: a blend of two frames, or a smear.
const codeMargin = 48;

window.latency = { samples: [], localRead: 0, remoteRead: 0, unreadable: 0, raced: 0, unavailable: 0, unpaired: 0 };

// The frame number in a frame, or -1 when any bit is unreadable.
function readCode(frame, context) {
  context.drawImage(frame, 0, 0);
  const strip = context.getImageData(codeLeft, codeTop, codeBits * codeBlock, 2 * codeBlock);
  // Mean of the 8×8 centre of a block, away from edges that VP8's loop filter blurs.
  const mean = (bx, by) => {
    let sum = 0;
    for (let y = by * codeBlock + 4; y < by * codeBlock + 12; y++)
      for (let x = bx * codeBlock + 4; x < bx * codeBlock + 12; x++) {
        const i = (y * strip.width + x) * 4;
        sum += strip.data[i] + strip.data[i + 1] + strip.data[i + 2];
      }
    return sum / (64 * 3);
  };
  let number = 0;
  for (let bit = 0; bit < codeBits; bit++) {
    const difference = mean(bit, 0) - mean(bit, 1);
    if (Math.abs(difference) < codeMargin) return -1;
    number = number * 2 + (difference > 0 ? 1 : 0);
  }
  return number;
}

// Calls onCode(number, presentationTime) for every presented frame of the video whose code reads.
function watchCodes(video, onCode) {
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
      const number = readCode(frame, context);
      if (number < 0) window.latency.unreadable++;
      else onCode(number, metadata.presentationTime);
    }
    frame?.close();
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

// loopMs: how long the clip plays before its numbers repeat. Either side may present a number first (on a loaded
// machine the local preview can lag the echo), so each waits for its pair; a number still unpaired half a loop later
// (its frame dropped or unread on the other side) is counted and forgotten, not matched with the next round's.
function measureLatency(localVideo, remoteVideo, loopMs) {
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
  watchCodes(localVideo, (number, presented) => {
    window.latency.localRead++;
    const entry = entryFor(number, presented);
    entry.local ??= presented;
    settle(number, entry);
  });
  watchCodes(remoteVideo, (number, presented) => {
    window.latency.remoteRead++;
    const entry = entryFor(number, presented);
    entry.remote ??= presented;
    settle(number, entry);
  });
}
