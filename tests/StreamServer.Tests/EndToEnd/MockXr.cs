namespace PortraitStream.Server.Tests.EndToEnd;

/// <summary>
/// A stand-in for a WebXR headset, injected before /vr.html loads: <c>navigator.xr</c> answers isSessionSupported and
/// requestSession with an immersive session whose frames (about 90 a second) play a scripted head path through
/// <c>XRFrame.getViewerPose</c> — the head sways ±15 cm sideways and ±5 cm up and down, turning a little as it goes,
/// with two eye views 63 mm apart. The page draws through an <c>XRWebGLLayer</c> onto its own canvas. The script records
/// every pose it played (<c>window.xrMock.path</c>: timestamp → position) and the viewports the page asked for per eye
/// (<c>window.xrMock.drawn</c>).
/// </summary>
internal static class MockXr
{
    public const string Script = """
        (() => {
          const mock = window.xrMock = { path: {}, drawn: { left: 0, right: 0 }, requested: 0 };
          const perspective = (near, far) => {
            const f = 1 / Math.tan(Math.PI / 4), nf = 1 / (near - far);
            return new Float32Array([f, 0, 0, 0, 0, f, 0, 0, 0, 0, (far + near) * nf, -1, 0, 0, 2 * far * near * nf, 0]);
          };
          const translation = (x, y, z) => new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, x, y, z, 1]);
          const headAt = t => ({ x: 0.15 * Math.sin(2 * Math.PI * t / 3000), y: 0.05 * Math.sin(2 * Math.PI * t / 2000), z: 0 });
          class XRWebGLLayer {
            constructor(session, gl) { this.gl = gl; this.framebuffer = null; }
            get framebufferWidth() { return this.gl.canvas.width; }
            get framebufferHeight() { return this.gl.canvas.height; }
            getViewport(view) {
              mock.drawn[view.eye]++;
              const half = this.gl.canvas.width / 2;
              return { x: view.eye === 'left' ? 0 : half, y: 0, width: half, height: this.gl.canvas.height };
            }
          }
          window.XRWebGLLayer = XRWebGLLayer;
          WebGLRenderingContext.prototype.makeXRCompatible = () => Promise.resolve();
          const session = {
            renderState: {},
            listeners: {},
            updateRenderState(state) { Object.assign(this.renderState, state); },
            requestReferenceSpace: async type => ({ type }),
            addEventListener(name, listener) { this.listeners[name] = listener; },
            end: async () => {},
            requestAnimationFrame(callback) {
              setTimeout(() => {
                const time = performance.now();
                const p = headAt(time);
                mock.path[time] = p;
                const yaw = 0.2 * Math.sin(2 * Math.PI * time / 3000);
                const orientation = { x: 0, y: Math.sin(yaw / 2), z: 0, w: Math.cos(yaw / 2) };
                const eye = (name, side) => ({
                  eye: name,
                  projectionMatrix: perspective(0.1, 100),
                  transform: { inverse: { matrix: translation(-(p.x + side * 0.0315), -p.y, -p.z) } },
                });
                const frame = {
                  getViewerPose: () => ({
                    transform: { position: { ...p, w: 1 }, orientation },
                    views: [eye('left', -1), eye('right', 1)],
                  }),
                };
                callback(time, frame);
              }, 11);
            },
          };
          Object.defineProperty(navigator, 'xr', {
            value: {
              isSessionSupported: async mode => mode === 'immersive-vr',
              requestSession: async mode => { mock.requested++; if (mode !== 'immersive-vr') throw new Error(mode); return session; },
            },
          });
        })();
        """;
}
