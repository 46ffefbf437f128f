// The page: camera preview beside the rendered view, presets, quality, model, background, pause, stats and readable errors.
// window.portrait is the page's state, also read by the end-to-end tests.
import { Session } from './session.js';
import { ViewControl } from './view-control.js';
import { formatStats } from './stats-view.js';
import { bindAccessToken } from './access-token.js';

const $ = id => document.getElementById(id);
const state = window.portrait = { frames: 0, width: 0, height: 0, connection: 'disconnected', stats: null, error: null };
const session = new Session(bindAccessToken($('token')));
state.inboundVideo = () => session.inboundVideo();
state.inboundAudioPackets = () => session.inboundAudioPackets();
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

// Controls report refusals (rate limit, invalid values) without touching the session.
async function call(method, ...args) {
  try {
    await session.invoke(method, ...args);
    return { ok: true, error: null };
  } catch (e) {
    const error = String(e?.message ?? e).replace(/^.*HubException: /, '');
    show(`${method} refused: ${error}`);
    return { ok: false, error };
  }
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
  const models = await session.invoke('Models');
  $('model').replaceChildren(...models.map(name => new Option(name, name)));
  // The server's background pictures (its backgrounds folder), after the fixed choices.
  for (const old of [...$('background').options].filter(o => o.value.startsWith('image:'))) old.remove();
  for (const name of await session.invoke('Backgrounds')) $('background').add(new Option(`Image: ${name}`, `image:${name}`));
  // The server's render styles; a new session starts unstyled ("none", the first).
  $('style').replaceChildren(...(await session.invoke('Styles')).map(name => new Option(name, name)));
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
  const quality = `${e.detail.size},${e.detail.sampler},${e.detail.samples}`;
  if ([...$('quality').options].some(o => o.value === quality)) $('quality').value = quality;
  showBackground(e.detail.background);
  if (e.detail.face === 'no face') show('No face in view: the camera is passed through until a face is seen.');
  else if ($('message').textContent.startsWith('No face')) show(null);
});
session.addEventListener('state', e => setConnection(e.detail));
session.addEventListener('closed', e => { setConnection('failed'); fail(`Session closed: ${e.detail}`); });

$('start').onclick = () => start().catch(fail);
$('stop').onclick = () => stop().catch(fail);
for (const button of document.querySelectorAll('[data-preset]')) {
  button.onclick = () => { view.reset(); call('SetPreset', button.dataset.preset); };
}
$('quality').onchange = () => {
  const [size, sampler, samples] = $('quality').value.split(',');
  call('SetQuality', Number(size), sampler, Number(samples));
};
$('model').onchange = () => call('SetModel', $('model').value);

// The Background selector: "color" shows the colour picker, whose value is sent as color:#rrggbb.
function backgroundValue() {
  const choice = $('background').value;
  return choice === 'color' ? `color:${$('background-colour').value}` : choice;
}
function showBackground(setting) {
  if (!setting || document.activeElement === $('background-colour')) return;
  const isColour = setting.startsWith('color:');
  if (isColour) $('background-colour').value = setting.slice('color:'.length);
  const choice = isColour ? 'color' : setting;
  if ([...$('background').options].some(o => o.value === choice)) $('background').value = choice;
  $('background-colour').hidden = !isColour;
}
$('background').onchange = () => {
  $('background-colour').hidden = $('background').value !== 'color';
  call('SetBackground', backgroundValue());
};
$('background-colour').onchange = () => call('SetBackground', backgroundValue());
// Stereo: the server sends left | right side by side from eyes 63 mm apart (the average adult's, life-size).
$('stereo').onchange = async () => {
  const on = $('stereo').checked;
  if ((await call('SetStereo', on, 63)).ok) $('remote').classList.toggle('stereo', on);
  else $('stereo').checked = !on;
};
$('style').onchange = () => call('SetStyle', $('style').value);
$('pause').onclick = async () => {
  const paused = $('pause').textContent === 'Pause';
  if ((await call(paused ? 'Pause' : 'Resume')).ok) $('pause').textContent = paused ? 'Resume' : 'Pause';
};
countFrames($('remote'));

Object.assign(state, { start, stop, call, capture });
