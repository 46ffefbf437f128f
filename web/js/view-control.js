// Mouse control of the rendered view: drag turns (yaw, pitch), the wheel zooms. Calls go out at most every 50 ms,
// well under the server's rate limit; the server eases between them. The turn stays inside the views the model is
// meant to be seen from (the stats' viewMaxYawDegrees / viewMaxPitchDegrees): a drag past them stops at the edge, and
// dragging back turns back from there at once.
const SEND_INTERVAL_MS = 50;
const DEGREES_PER_PIXEL = 0.3;

export class ViewControl {
  view = { yaw: 0, pitch: 0, roll: 0, zoom: 1, fov: 0 };
  range = { yaw: 180, pitch: 89 };
  #timer = null;

  constructor(element, send) {
    this.send = send;
    let last = null;
    element.addEventListener('pointerdown', e => { last = { x: e.clientX, y: e.clientY }; element.setPointerCapture(e.pointerId); });
    element.addEventListener('pointerup', () => { last = null; });
    element.addEventListener('pointermove', e => {
      if (!last) return;
      this.view.yaw = clamp(this.view.yaw + (e.clientX - last.x) * DEGREES_PER_PIXEL, -this.range.yaw, this.range.yaw);
      this.view.pitch = clamp(this.view.pitch + (e.clientY - last.y) * DEGREES_PER_PIXEL, -this.range.pitch, this.range.pitch);
      last = { x: e.clientX, y: e.clientY };
      this.#schedule();
    });
    element.addEventListener('wheel', e => {
      e.preventDefault();
      this.view.zoom = clamp(this.view.zoom * Math.exp(-e.deltaY * 0.001), 0.25, 4);
      this.#schedule();
    }, { passive: false });
  }

  reset() { this.view = { yaw: 0, pitch: 0, roll: 0, zoom: 1, fov: 0 }; }

  // The model's view range from the stats (null while the camera is passed through: the last one stays).
  limit(maxYaw, maxPitch) {
    if (maxYaw == null || maxPitch == null) return;
    this.range = { yaw: maxYaw, pitch: maxPitch };
    this.view.yaw = clamp(this.view.yaw, -maxYaw, maxYaw);
    this.view.pitch = clamp(this.view.pitch, -maxPitch, maxPitch);
  }

  #schedule() {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      const v = this.view;
      this.send(v.yaw, v.pitch, v.roll, v.zoom, v.fov);
    }, SEND_INTERVAL_MS);
  }
}

function clamp(x, min, max) { return Math.min(max, Math.max(min, x)); }
