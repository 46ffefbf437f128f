// The VR page (/vr.html): this browser's camera in, the rendered head out in side-by-side stereo, steered by the
// viewer's head. In a headset (WebXR immersive-vr) each eye sees its half of the frame on a world-locked quad placed
// where the server says that frame's picture lies (PosedFrame); without one, a desktop view where dragging leans the
// head and the wheel steps toward or away, shown side by side or as a red-cyan anaglyph. window.vr is the page's
// state, also read by the end-to-end tests.
import { Session } from './session.js';
import { bindAccessToken } from './access-token.js';
import { formatStats } from './stats-view.js';
import { StereoQuadRenderer } from './stereo-quad-renderer.js';
import { PosedFrames } from './posed-frames.js';
import { PoseSender } from './pose-sender.js';

const $ = id => document.getElementById(id);
const IDENTITY_ORIENTATION = [0, 0, 0, 1];
const LEAN_METRES_PER_PIXEL = 0.001; // a 300-pixel drag leans the head 30 cm
const STEP_METRES_PER_WHEEL = 0.0005;
const MAX_LEAN_METRES = 0.6;

const session = new Session(bindAccessToken($('token')));
const frames = new PosedFrames();
const sender = new PoseSender(session);
const state = window.vr = {
  mode: null, connection: 'disconnected', error: null, stats: null, frames: 0, width: 0, height: 0,
  anaglyph: false, head: [0, 0, 0], shown: [], sender, posedFrames: frames,
};

function fail(e) {
  state.error = String(e?.message ?? e).replace(/^.*HubException: /, '');
  $('message').textContent = state.error;
  $('message').hidden = false;
}

const shownPose = posed => ({ poseTimestampMs: posed?.poseTimestampMs ?? null, camera: posed?.camera ?? null });

// Each frame the video presents: which pose it was rendered for (the push with its RTP timestamp).
function followFrames(video) {
  if (!video.requestVideoFrameCallback) return;
  const onFrame = (now, metadata) => {
    state.frames++;
    [state.width, state.height] = [video.videoWidth, video.videoHeight];
    state.shown.push({ rtpTimestamp: metadata.rtpTimestamp, ...shownPose(frames.forRtp(metadata.rtpTimestamp)) });
    if (state.shown.length > 256) state.shown.shift();
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

// A push leaves the server once its frame's packets have, over another path, so on a loaded machine its picture can
// be presented first (and took the newest push then): the frames shown with its RTP timestamp take it when it comes.
function onPush(frame) {
  frames.add(frame);
  for (const shown of state.shown) {
    if (shown.rtpTimestamp === frame.rtpTimestamp) Object.assign(shown, shownPose(frame));
  }
}

// The push for the frame on screen now.
const current = () => frames.forRtp(state.shown.at(-1)?.rtpTimestamp);

async function connect() {
  const camera = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false })
    .catch(e => { throw new Error(`No camera (${e.name}: ${e.message}): the server renders the head it sees.`); });
  session.addEventListener('state', e => { state.connection = e.detail; $('connection').textContent = e.detail; });
  session.addEventListener('closed', e => fail(`Session closed: ${e.detail}`));
  session.addEventListener('stats', e => { state.stats = e.detail; $('stats').textContent = formatStats(e.detail); });
  await session.connect();
  session.hub.on('Frame', onPush);
  await session.invoke('SetStereo', true, 63);
  followFrames($('remote'));
  await session.start(camera, $('remote'));
}

// Desktop: the canvas shows the frame; dragging leans the head (x right, y up), the wheel steps (z toward the viewer).
function startDesktop(renderer, gl, canvas) {
  let drag = null;
  canvas.addEventListener('pointerdown', e => { drag = { x: e.clientX, y: e.clientY, head: [...state.head] }; canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener('pointerup', () => { drag = null; });
  canvas.addEventListener('pointermove', e => {
    if (!drag) return;
    const clamp = v => Math.max(-MAX_LEAN_METRES, Math.min(MAX_LEAN_METRES, v));
    state.head = [clamp(drag.head[0] + (e.clientX - drag.x) * LEAN_METRES_PER_PIXEL),
      clamp(drag.head[1] - (e.clientY - drag.y) * LEAN_METRES_PER_PIXEL), state.head[2]];
  });
  canvas.addEventListener('wheel', e => {
    e.preventDefault();
    state.head = [state.head[0], state.head[1], Math.max(-MAX_LEAN_METRES, Math.min(MAX_LEAN_METRES, state.head[2] + e.deltaY * STEP_METRES_PER_WHEEL))];
  }, { passive: false });
  const onFrame = time => {
    requestAnimationFrame(onFrame);
    sender.send([...state.head], IDENTITY_ORIENTATION, time);
    if (!renderer.upload($('remote'))) return;
    [canvas.width, canvas.height] = state.anaglyph ? [state.height, state.height] : [state.width, state.height];
    renderer.drawFlat(canvas.width, canvas.height, state.anaglyph);
  };
  requestAnimationFrame(onFrame);
}

// Headset: each XR frame sends the viewer pose and draws each eye's half on the shown frame's quad.
async function startImmersive(canvas) {
  const xr = await navigator.xr.requestSession('immersive-vr');
  const gl = canvas.getContext('webgl', { xrCompatible: true });
  await gl.makeXRCompatible?.();
  const renderer = new StereoQuadRenderer(gl);
  xr.updateRenderState({ baseLayer: new XRWebGLLayer(xr, gl) });
  const space = await xr.requestReferenceSpace('local');
  xr.addEventListener('end', () => { state.mode = 'ended'; });
  const onFrame = (time, frame) => {
    xr.requestAnimationFrame(onFrame);
    const pose = frame.getViewerPose(space);
    if (!pose) return; // tracking lost: the headset keeps showing the last picture
    const { position: p, orientation: o } = pose.transform;
    sender.send([p.x, p.y, p.z], [o.x, o.y, o.z, o.w], time);
    const layer = xr.renderState.baseLayer;
    gl.bindFramebuffer(gl.FRAMEBUFFER, layer.framebuffer);
    gl.clearColor(0, 0, 0, 1);
    gl.clear(gl.COLOR_BUFFER_BIT);
    const quad = current();
    if (!quad || !renderer.upload($('remote'))) return;
    for (const view of pose.views) renderer.drawQuad(quad, view, layer.getViewport(view));
  };
  xr.requestAnimationFrame(onFrame);
}

async function start(mode) {
  if (state.mode) return;
  state.mode = mode;
  $('enter-vr').disabled = $('desktop').disabled = true;
  try {
    await connect();
    if (mode === 'xr') {
      await startImmersive($('view'));
    } else {
      const gl = $('view').getContext('webgl');
      if (!gl) throw new Error('This browser has no WebGL: the VR page needs it to draw the stereo frames.');
      startDesktop(new StereoQuadRenderer(gl), gl, $('view'));
    }
  } catch (e) {
    fail(e);
  }
}
state.start = start;

$('desktop').onclick = () => start('desktop');
$('enter-vr').onclick = () => start('xr');
$('display').onchange = () => { state.anaglyph = $('display').value === 'anaglyph'; };
(navigator.xr?.isSessionSupported('immersive-vr') ?? Promise.resolve(false))
  .then(supported => { $('enter-vr').disabled = !supported; $('enter-vr').title = supported ? '' : 'No WebXR headset here: use the desktop view'; })
  .catch(() => { $('enter-vr').disabled = true; });
