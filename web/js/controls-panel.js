// The rendering controls both pages show (the main page for its own session, /control.html for an attached one):
// presets, quality, model, background, stereo, style and pause, each sent as one hub call through `call`, which reports
// a refusal and resolves to { ok, error }. Each page has an empty <section id="controls"> they are drawn into.
const $ = id => document.getElementById(id);

const markup = `
  <span>View:</span>
  <button data-preset="front">Front</button>
  <button data-preset="gaze">Gaze</button>
  <button data-preset="three-quarter">Three-quarter</button>
  <button data-preset="orbit">Orbit</button>
  <label>Quality
    <select id="quality">
      <option value="192,live,0">Fast · 192² live</option>
      <option value="256,live,0" selected>Live · 256² (default)</option>
      <option value="384,live,0">Sharp · 384² live</option>
      <option value="512,live,0">Full · 512² live</option>
      <option value="512,reference,48">Reference · 512² EG3D 48+48 (GPU)</option>
    </select>
  </label>
  <label>Model <select id="model"></select></label>
  <label>Background
    <select id="background">
      <option value="keep" selected>Keep (default)</option>
      <option value="blur">Blur</option>
      <option value="remove">Remove (green screen)</option>
      <option value="color">Colour</option>
    </select>
  </label>
  <input type="color" id="background-colour" value="#3060a0" title="Background colour" hidden>
  <label title="Side by side: the left eye's view | the right eye's (cross or parallel viewing, or a headset)"><input type="checkbox" id="stereo"> Stereo</label>
  <label>Style <select id="style"><option value="none" selected>none</option></select></label>
  <button id="pause">Pause</button>`;

// A control call through `session` (a Session) that reports a refusal (rate limit, invalid value) with `show` and
// resolves to { ok, error } instead of throwing: a refused call leaves the session as it was.
export function controlCall(session, show) {
  return async (method, ...args) => {
    try {
      await session.invoke(method, ...args);
      return { ok: true, error: null };
    } catch (e) {
      const error = String(e?.message ?? e).replace(/^.*HubException: /, '');
      show(`${method} refused: ${error}`);
      return { ok: false, error };
    }
  };
}

// Wires the controls; `view` is the page's ViewControl (a preset starts from the front again), `onStereo(on)` lets
// the page lay out a side-by-side picture.
export function bindControls(call, view, onStereo = () => {}) {
  $('controls').innerHTML = markup;
  for (const button of document.querySelectorAll('[data-preset]')) {
    button.onclick = () => { view.reset(); call('SetPreset', button.dataset.preset); };
  }
  $('quality').onchange = () => {
    const [size, sampler, samples] = $('quality').value.split(',');
    call('SetQuality', Number(size), sampler, Number(samples));
  };
  $('model').onchange = () => call('SetModel', $('model').value);
  $('background').onchange = () => {
    $('background-colour').hidden = $('background').value !== 'color';
    call('SetBackground', backgroundValue());
  };
  $('background-colour').onchange = () => call('SetBackground', backgroundValue());
  // Stereo: the server sends left | right side by side from eyes 63 mm apart (the average adult's, life-size).
  $('stereo').onchange = async () => {
    const on = $('stereo').checked;
    if ((await call('SetStereo', on, 63)).ok) onStereo(on);
    else $('stereo').checked = !on;
  };
  $('style').onchange = () => call('SetStyle', $('style').value);
  $('pause').onclick = async () => {
    const paused = $('pause').textContent === 'Pause';
    if ((await call(paused ? 'Pause' : 'Resume')).ok) $('pause').textContent = paused ? 'Resume' : 'Pause';
  };
}

// Fills the server's own choices: installed models, its background pictures (after the fixed choices) and styles.
export async function loadChoices(invoke) {
  const models = await invoke('Models');
  $('model').replaceChildren(...models.map(name => new Option(name, name)));
  for (const old of [...$('background').options].filter(o => o.value.startsWith('image:'))) old.remove();
  for (const name of await invoke('Backgrounds')) $('background').add(new Option(`Image: ${name}`, `image:${name}`));
  // A new session starts unstyled ("none", the first).
  $('style').replaceChildren(...(await invoke('Styles')).map(name => new Option(name, name)));
}

// Shows the session's quality and background as its stats report them (another controller may have changed them).
export function showSettings(stats) {
  const quality = `${stats.size},${stats.sampler},${stats.samples}`;
  if ([...$('quality').options].some(o => o.value === quality)) $('quality').value = quality;
  showBackground(stats.background);
}

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
