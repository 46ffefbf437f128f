// The steering page (/control.html): pick a live session (a WHIP publisher's such as OBS, or another browser's), attach
// to it over the hub, and drive it with the main page's controls; its stats show here. The page sends no video and
// receives none: the picture is wherever the session's output goes (OBS's overlay, a WHEP viewer).
// window.control is the page's state, also read by the end-to-end tests.
import { Session } from './session.js';
import { ViewControl } from './view-control.js';
import { formatStats } from './stats-view.js';
import { bindAccessToken } from './access-token.js';
import { bindControls, controlCall, loadChoices, showSettings } from './controls-panel.js';

const $ = id => document.getElementById(id);
const state = window.control = { sessions: [], attached: null, stats: null, error: null };
const session = new Session(bindAccessToken($('token')));
const call = controlCall(session, show);
const view = new ViewControl($('pad'), (...v) => call('SetView', ...v));

function show(message) {
  $('message').textContent = message ?? '';
  $('message').hidden = !message;
}

function fail(e) {
  state.error = String(e?.message ?? e).replace(/^.*HubException: /, '');
  show(state.error);
}

function setAttached(id) {
  state.attached = id;
  $('connection').textContent = id ? `attached to ${id.slice(0, 8)}…` : 'detached';
  $('connection').className = 'badge ' + (id ? 'connected' : '');
  $('detach').disabled = !id;
  if (!id) { state.stats = null; $('stats').textContent = ''; }
}

// The hub connection, made again after a loss (a server restart, a token typed in after a 401).
async function connected() {
  if (session.hub?.state !== 'Connected') await session.connect();
}

// Lists the live sessions, newest last; the one the page is attached to stays selected.
async function refresh() {
  await connected();
  state.sessions = await session.invoke('Sessions');
  const label = s => `${s.origin} ${s.id.slice(0, 8)}… · since ${new Date(s.started).toLocaleTimeString()} · ${s.size}² · ${s.fpsOut.toFixed(0)} fps`;
  const previous = $('session').value;
  $('session').replaceChildren(...(state.sessions.length
    ? state.sessions.map(s => new Option(label(s), s.id))
    : [new Option('(no live session)', '')]));
  if (state.sessions.some(s => s.id === previous)) $('session').value = previous;
}

async function attach() {
  show(null);
  const id = $('session').value;
  if (!id) throw new Error('No session to attach to: publish one (OBS over WHIP, or the main page) and press Refresh.');
  await connected();
  await session.invoke('Attach', id);
  setAttached(id);
  view.reset();
  await loadChoices((...args) => session.invoke(...args));
}

async function detach() {
  await session.invoke('Detach');
  setAttached(null);
}

session.addEventListener('stats', e => {
  state.stats = e.detail;
  $('stats').textContent = formatStats(e.detail);
  view.limit(e.detail.viewMaxYawDegrees, e.detail.viewMaxPitchDegrees);
  showSettings(e.detail);
});
// The attached session ended (or the hub connection was lost): say so, and offer the list again.
session.addEventListener('closed', e => {
  setAttached(null);
  fail(`Session closed: ${e.detail}`);
  refresh().catch(() => {});
});

$('refresh').onclick = () => refresh().catch(fail);
$('attach').onclick = () => attach().catch(fail);
$('detach').onclick = () => detach().catch(fail);
bindControls(call, view);
refresh().catch(fail);

Object.assign(state, { refresh, attach, detach, call });
