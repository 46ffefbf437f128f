// Audio/video offset, driven by tests/StreamServer.Tests/EndToEnd/AvSyncEndToEndTests.cs and `perf av-sync`: the fake
// camera and microphone play a clip with a white flash and a 1 kHz beep at the same instants (AvSyncClip.cs). Each
// video's flashes are found with requestVideoFrameCallback and a canvas (mean brightness rising through half), each
// stream's beeps with a WebAudio analyser (RMS rising through a threshold, polled every few ms). An offset is a beep's
// onset minus the nearest flash's, on this page's clock: positive when the sound comes after the picture. The local
// pair measures the fake devices' own skew (their two files start apart, and on a loaded machine the camera's frames
// fall behind the microphone by tens of ms a loop); the received pair's offset minus the local one of the same loop
// is what the server, the network and the browser's playout add. Each side records { beep, offset }, the beep's onset
// telling which loop it is.
'use strict';

window.avSync = { local: [], remote: [], flashes: { local: 0, remote: 0 }, beeps: { local: 0, remote: 0 }, error: null };

// A beep and a flash further apart than this are not the same event (the clip repeats every 2 s).
const pairWindowMs = 700;
// RMS over a 1 kHz tone at the clip's level is ~0.3; silence, Opus comfort noise included, stays far below.
const beepThreshold = 0.05;

function watchFlashes(video, name, onFlash) {
  const context = Object.assign(document.createElement('canvas'), { width: 16, height: 16 }).getContext('2d', { willReadFrequently: true });
  let bright = false;
  const onFrame = (now, metadata) => {
    context.drawImage(video, 0, 0, 16, 16);
    const rgba = context.getImageData(0, 0, 16, 16).data;
    let sum = 0;
    for (let i = 0; i < rgba.length; i += 4) sum += (rgba[i] + rgba[i + 1] + rgba[i + 2]) / 3;
    const isBright = sum / (rgba.length / 4) > 128;
    if (isBright && !bright) onFlash(metadata.expectedDisplayTime ?? now);
    bright = isBright;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

function watchBeeps(audioContext, track, onBeep) {
  const analyser = audioContext.createAnalyser();
  analyser.fftSize = 256; // 5.3 ms at 48 kHz: shorter than the polling step, so no onset falls between two reads
  audioContext.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  let loud = false;
  setInterval(() => {
    analyser.getFloatTimeDomainData(samples);
    let energy = 0;
    for (const s of samples) energy += s * s;
    const isLoud = Math.sqrt(energy / samples.length) > beepThreshold;
    if (isLoud && !loud) onBeep(performance.now());
    loud = isLoud;
  }, 4);
}

// Pairs each beep with the nearest flash of the same side and records the offset.
function pairUp(side) {
  const flashes = [], beeps = [];
  const match = () => {
    while (beeps.length > 0) {
      const beep = beeps[0];
      const nearest = flashes.reduce((best, f) => Math.abs(f - beep) < Math.abs(best - beep) ? f : best, Infinity);
      // Wait for the flash that may still come after this beep (the sound can lead the picture).
      if (Math.abs(nearest - beep) > pairWindowMs && performance.now() - beep < pairWindowMs) return;
      beeps.shift();
      if (Math.abs(nearest - beep) <= pairWindowMs) window.avSync[side].push({ beep, offset: beep - nearest });
    }
  };
  return {
    flash: t => { window.avSync.flashes[side]++; flashes.push(t); if (flashes.length > 8) flashes.shift(); match(); },
    beep: t => { window.avSync.beeps[side]++; beeps.push(t); match(); },
  };
}

// localVideo/localStream: the camera preview and its stream (microphone included); remoteVideo/remoteStream: the received.
async function measureAvSync(localVideo, localStream, remoteVideo, remoteStream) {
  try {
    const audioContext = new AudioContext();
    await audioContext.resume();
    for (const [side, video, stream] of [['local', localVideo, localStream], ['remote', remoteVideo, remoteStream]]) {
      const pairs = pairUp(side);
      watchFlashes(video, side, pairs.flash);
      watchBeeps(audioContext, stream.getAudioTracks()[0], pairs.beep);
    }
  } catch (e) {
    window.avSync.error = String(e?.message ?? e);
  }
}
