// The page: camera preview beside the rendered view, presets, quality, model, background, pause, stats and readable errors.
// window.portrait is the page's state, also read by the end-to-end tests.
import { Session } from './session.js';
import { ViewControl } from './view-control.js';
import { formatStats } from './stats-view.js';
import { bindAccessToken } from './access-token.js';
import { bindControls, controlCall, loadChoices, showSettings } from './controls-panel.js';

const $ = id => document.getElementById(id);
const state = window.portrait = { frames: 0, width: 0, height: 0, connection: 'disconnected', stats: null, error: null };
const session = new Session(bindAccessToken($('token')));
state.inboundVideo = () => session.inboundVideo();
state.inboundAudio = () => session.inboundAudio();
const call = controlCall(session, show);
const view = new ViewControl($('remote'), (...v) => call('SetView', ...v));
let camera = null;

function show(message) {
  $('message').textContent = message ?? '';
  $('message').hidden = !message;
}

function setConnection(text) {
  state.connection = text;
  $('connection').textContent = text;
  $('connection').className = 'badge ' + (text === 'connected' ? 'connected' : text === 'failed' ? 'failed' : '');
}

function fail(e) {
  state.error = String(e?.message ?? e);
  show(state.error);
}

// The camera with the microphone; the camera alone when the microphone is refused or missing (the session then has no sound).
async function openCamera() {
  const video = { width: 640, height: 480 };
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: true });
  } catch {
    // Which device failed is not said: ask again without the microphone, and a camera problem shows below.
  }
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: false });
  } catch (e) {
    throw new Error(e.name === 'NotAllowedError'
      ? 'No camera permission: allow the camera for this page (address bar) and press Start again.'
      : `No camera available (${e.name}: ${e.message})`);
  }
}

async function start() {
  state.error = null;
  show(null);
  camera ??= await openCamera();
  $('local').srcObject = camera;
  showAudio();
  setConnection('connecting');
  await session.start(camera, $('remote'));
  $('start').disabled = true;
  $('stop').disabled = false;
  await loadChoices((...args) => session.invoke(...args));
}

// Mute sends silence (track.enabled = false, RFC 8829's way: the stream goes on); Monitor plays the returned sound,
// off by default because a speaker next to the microphone feeds back.
function showAudio() {
  const microphone = camera?.getAudioTracks()[0];
  state.microphone = !!microphone;
  $('mute').disabled = !microphone;
  $('mute').textContent = microphone && !microphone.enabled ? 'Unmute mic' : 'Mute mic';
  $('mute').title = microphone ? 'Mute or unmute your microphone' : 'No microphone: the session has no sound';
}
$('mute').onclick = () => {
  const microphone = camera?.getAudioTracks()[0];
  if (microphone) microphone.enabled = !microphone.enabled;
  showAudio();
};
$('monitor').onchange = () => { $('remote').muted = !$('monitor').checked; };

async function stop() {
  await session.stop();
  state.frames = 0;
  setConnection('disconnected');
  $('start').disabled = false;
  $('stop').disabled = true;
}

function countFrames(video) {
  const onFrame = (now, metadata) => {
    state.frames++;
    state.width = metadata.width;
    state.height = metadata.height;
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

// The rendered view's current picture, scaled to size², as grey levels (for tests and diagnostics).
function capture(size = 64) {
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.drawImage($('remote'), 0, 0, size, size);
  const rgba = context.getImageData(0, 0, size, size).data;
  const grey = new Array(size * size);
  for (let i = 0; i < grey.length; i++) grey[i] = (rgba[4 * i] + rgba[4 * i + 1] + rgba[4 * i + 2]) / 3;
  return grey;
}

session.addEventListener('stats', e => {
  state.stats = e.detail;
  $('stats').textContent = formatStats(e.detail);
  view.limit(e.detail.viewMaxYawDegrees, e.detail.viewMaxPitchDegrees);
  showSettings(e.detail);
  if (e.detail.face === 'no face') show('No face in view: the camera is passed through until a face is seen.');
  else if ($('message').textContent.startsWith('No face')) show(null);
});
session.addEventListener('state', e => setConnection(e.detail));
session.addEventListener('closed', e => { setConnection('failed'); fail(`Session closed: ${e.detail}`); });

$('start').onclick = () => start().catch(fail);
$('stop').onclick = () => stop().catch(fail);
bindControls(call, view, on => $('remote').classList.toggle('stereo', on));
countFrames($('remote'));

Object.assign(state, { start, stop, call, capture });
