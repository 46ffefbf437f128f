// The overlay page (/overlay.html): only the rendered person, on a transparent page for an OBS Browser Source. Without
// ?session= it streams this browser's camera; with ?session=ID it shows a session another client started (OBS
// publishing over WHIP): it attaches to that session over the hub and pulls its picture over WHEP. Either way it asks
// the server for frames with the opacity packed below the colour and the background removed, and composites them in
// WebGL. window.overlay is the page's state, also read by the end-to-end tests.
import { Session } from './session.js';
import { watch, stop } from './whep-client.js';
import { bindAccessToken } from './access-token.js';
import { AlphaCompositor } from './alpha-compositor.js';

const $ = id => document.getElementById(id);
const state = window.overlay = { frames: 0, width: 0, height: 0, connection: 'disconnected', attached: null, error: null };

function fail(e) {
  state.error = String(e?.message ?? e).replace(/^.*HubException: /, '');
  $('message').textContent = state.error;
  $('message').hidden = false;
}

// Draws every frame the video presents (requestVideoFrameCallback where the browser has it, else each animation frame).
function drawFrames(video, compositor) {
  const next = video.requestVideoFrameCallback ? f => video.requestVideoFrameCallback(f) : f => requestAnimationFrame(f);
  const onFrame = () => {
    if (video.videoWidth) {
      compositor.draw(video);
      state.frames++;
      state.width = video.videoWidth;
      state.height = video.videoHeight;
    }
    next(onFrame);
  };
  next(onFrame);
  // Paused, a video keeps showing its current frame, which may have come after the last frame callback.
  video.addEventListener('pause', () => compositor.draw(video));
}

// The packed frame the video shows now (colour above, alpha below), as a PNG data URL, for tests and diagnostics.
function packedFrame() {
  const video = $('remote');
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [video.videoWidth, video.videoHeight];
  canvas.getContext('2d').drawImage(video, 0, 0);
  return canvas.toDataURL('image/png');
}
state.packedFrame = packedFrame;

async function start() {
  const compositor = new AlphaCompositor($('view'));
  // The token from #token=… (or this tab's stored one); the page has no field to type it into.
  const token = bindAccessToken(document.createElement('input'));
  const session = new Session(token);
  session.addEventListener('state', e => { state.connection = e.detail; });
  session.addEventListener('closed', e => fail(`Session closed: ${e.detail}`));
  const id = new URLSearchParams(location.search).get('session');
  if (id !== null) {
    await session.connect();
    // The session's output becomes the packed, transparent frames for everyone who watches it.
    await session.invoke('Attach', id);
    await session.invoke('SetBackground', 'remove');
    await session.invoke('SetOutputAlpha', true);
    state.attached = id;
    drawFrames($('remote'), compositor);
    // The session's picture comes over WHEP (its publisher, e.g. OBS, takes no video back).
    const viewer = await watch(id, { token: token() });
    if (!viewer.pc) throw new Error(`The session's picture comes over WHEP, and POST /whep/${id} answered ${viewer.status}: ${viewer.answer}`);
    $('remote').srcObject = viewer.stream;
    viewer.pc.onconnectionstatechange = () => { state.connection = viewer.pc.connectionState; };
    addEventListener('pagehide', () => stop(viewer, token()));
    return;
  }
  const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false })
    .catch(e => { throw new Error(`No camera for the overlay (${e.name}: ${e.message}); in OBS, start it with --enable-media-stream --use-fake-ui-for-media-stream.`); });
  await session.connect();
  // Before the offer, so the first frame is already transparent.
  await session.invoke('SetBackground', 'remove');
  await session.invoke('SetOutputAlpha', true);
  drawFrames($('remote'), compositor);
  await session.start(camera, $('remote'));
}

start().catch(fail);
