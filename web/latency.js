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

window.latency = { samples: [], captureSamples: [], localRead: 0, remoteRead: 0, unreadable: 0, stale: 0 };

// The frame number in the video's current frame, or -1 when any bit is unreadable.
function readCode(video, context) {
  context.drawImage(video, 0, 0);
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

// Calls onCode(number, presentationTime, metadata) for every presented frame of the video whose code reads.
function watchCodes(video, onCode) {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  const onFrame = (now, metadata) => {
    if (canvas.width !== metadata.width || canvas.height !== metadata.height) {
      canvas.width = metadata.width;
      canvas.height = metadata.height;
    }
    const number = readCode(video, context);
    if (number < 0) window.latency.unreadable++;
    else onCode(number, metadata.presentationTime, metadata);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

// loopMs: how long the clip plays before its numbers repeat. A number the local preview skipped this round would
// match the previous round's; such matches (older than half a loop) are counted as stale, not as latency.
function measureLatency(local, remote, loopMs) {
  const shown = new Map();
  watchCodes(local, (number, presented, metadata) => {
    window.latency.localRead++;
    shown.set(number, { presented, captured: metadata.captureTime, matched: false });
  });
  watchCodes(remote, (number, presented) => {
    window.latency.remoteRead++;
    const sent = shown.get(number);
    if (!sent || sent.matched) return;
    sent.matched = true;
    if (presented - sent.presented > loopMs / 2) { window.latency.stale++; return; }
    window.latency.samples.push(presented - sent.presented);
    // captureTime (camera frames only): from the moment the fake device delivered the frame, local preview excluded.
    if (sent.captured !== undefined) window.latency.captureSamples.push(presented - sent.captured);
  });
}
