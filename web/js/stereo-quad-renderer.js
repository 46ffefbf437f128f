// Draws the server's side-by-side stereo frames (left eye | right eye) with WebGL, one way per display:
//  - drawQuad: in a headset, each eye's half on the frame's world-locked quad (PosedFrame: centre, right and up axes,
//    side, in metres in the XR local space), through that eye's XR view and projection;
//  - drawFlat: on a desktop, the whole frame side by side, or a red-cyan anaglyph (left eye red, right eye cyan).
import { useProgram, bindVideoTexture } from './gl-video.js';

const vertexShader = `
  attribute vec3 position;
  attribute vec2 corner;
  uniform mat4 viewProjection;
  varying highp vec2 uv;
  void main() {
    uv = corner;
    gl_Position = viewProjection * vec4(position, 1.0);
  }`;
const fragmentShader = `
  precision highp float;
  uniform sampler2D frame;
  uniform float left;      // first texture column of the picture shown (0, or 0.5 for the right eye)
  uniform float width;     // its width in texture columns (1 for side by side, 0.5 for one eye)
  uniform float anaglyph;  // 1: red from the left half, green and blue from the right
  varying highp vec2 uv;
  void main() {
    vec2 at = vec2(left + uv.x * width, 1.0 - uv.y); // corners have y up, video rows run top down
    vec4 colour = texture2D(frame, at);
    if (anaglyph > 0.5) {
      vec4 right = texture2D(frame, vec2(0.5 + uv.x * 0.5, 1.0 - uv.y));
      colour = vec4(texture2D(frame, vec2(uv.x * 0.5, 1.0 - uv.y)).r, right.g, right.b, 1.0);
    }
    gl_FragColor = vec4(colour.rgb, 1.0);
  }`;

const IDENTITY = new Float32Array([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
const CORNERS = new Float32Array([0, 0, 1, 0, 0, 1, 1, 1]);

// Column-major 4×4 product a · b (WebXR's matrices are column-major Float32Arrays).
function multiply(a, b) {
  const out = new Float32Array(16);
  for (let column = 0; column < 4; column++) {
    for (let row = 0; row < 4; row++) {
      let sum = 0;
      for (let k = 0; k < 4; k++) sum += a[k * 4 + row] * b[column * 4 + k];
      out[column * 4 + row] = sum;
    }
  }
  return out;
}

export class StereoQuadRenderer {
  constructor(gl) {
    this.gl = gl;
    const program = useProgram(gl, vertexShader, fragmentShader, 'vr');
    this.positions = gl.createBuffer();
    const position = gl.getAttribLocation(program, 'position');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positions);
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 3, gl.FLOAT, false, 0, 0);
    const corner = gl.getAttribLocation(program, 'corner');
    gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
    gl.bufferData(gl.ARRAY_BUFFER, CORNERS, gl.STATIC_DRAW);
    gl.enableVertexAttribArray(corner);
    gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
    bindVideoTexture(gl);
    this.uniforms = Object.fromEntries(['viewProjection', 'left', 'width', 'anaglyph']
      .map(name => [name, gl.getUniformLocation(program, name)]));
  }

  // Takes the video's current frame as the texture; false while the video has none.
  upload(video) {
    if (!video.videoWidth) return false;
    this.gl.texImage2D(this.gl.TEXTURE_2D, 0, this.gl.RGB, this.gl.RGB, this.gl.UNSIGNED_BYTE, video);
    return true;
  }

  // The whole canvas: side by side, or the red-cyan anaglyph.
  drawFlat(width, height, anaglyph) {
    const { gl, uniforms } = this;
    gl.viewport(0, 0, width, height);
    this.setCorners([-1, -1, 0, 1, -1, 0, -1, 1, 0, 1, 1, 0]);
    gl.uniformMatrix4fv(uniforms.viewProjection, false, IDENTITY);
    gl.uniform1f(uniforms.left, 0);
    gl.uniform1f(uniforms.width, 1);
    gl.uniform1f(uniforms.anaglyph, anaglyph ? 1 : 0);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  // One XR view: its eye's half of the frame on the frame's quad (a PosedFrame), seen through view and viewport.
  drawQuad(quad, view, viewport) {
    const { gl, uniforms } = this;
    gl.viewport(viewport.x, viewport.y, viewport.width, viewport.height);
    const half = quad.sideMetres / 2;
    const at = (u, v) => [0, 1, 2].map(i => quad.centre[i] + u * half * quad.right[i] + v * half * quad.up[i]);
    this.setCorners([...at(-1, -1), ...at(1, -1), ...at(-1, 1), ...at(1, 1)]);
    gl.uniformMatrix4fv(uniforms.viewProjection, false, multiply(view.projectionMatrix, view.transform.inverse.matrix));
    gl.uniform1f(uniforms.left, view.eye === 'right' ? 0.5 : 0);
    gl.uniform1f(uniforms.width, 0.5);
    gl.uniform1f(uniforms.anaglyph, 0);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }

  setCorners(corners) {
    const { gl } = this;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positions);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array(corners), gl.DYNAMIC_DRAW);
  }
}
