// Draws the server's alpha-packed frames on a transparent WebGL canvas. A packed frame is W wide (S, or 2S for
// side-by-side stereo) and 2S + 16 high: colour premultiplied over black in the top S rows, a 16-row black guard band, the opacity as grey in the last S rows
// (AlphaPackedPicture on the server says why). The canvas is premultiplied, so the page composites colour + (1 − α) ·
// whatever lies behind the page: no division by α, hence no halo from codec noise at the edges.
import { useProgram, bindVideoTexture } from './gl-video.js';

// AlphaPackedPicture.GuardRows: one VP8 macroblock row of black between colour and alpha.
const GUARD_ROWS = 16;

const vertexShader = `
  attribute vec2 corner;
  varying highp vec2 uv;
  void main() {
    uv = vec2(0.5 + 0.5 * corner.x, 0.5 - 0.5 * corner.y); // clip space y up, texture rows top down
    gl_Position = vec4(corner, 0.0, 1.0);
  }`;
const fragmentShader = `
  precision highp float;
  uniform sampler2D frame;
  uniform float colourHeight; // S / frame height
  uniform float alphaTop;     // first alpha row / frame height
  uniform float opaque;       // 1 for a frame without alpha (before the server packs it)
  varying highp vec2 uv;
  void main() {
    vec3 colour = texture2D(frame, vec2(uv.x, uv.y * colourHeight)).rgb;
    float alpha = max(texture2D(frame, vec2(uv.x, alphaTop + uv.y * colourHeight)).g, opaque);
    // Premultiplied colour never exceeds its alpha; codec ringing that would would show as a bright rim.
    gl_FragColor = vec4(min(colour, vec3(alpha)), alpha);
  }`;

export class AlphaCompositor {
  constructor(canvas) {
    const gl = canvas.getContext('webgl', { alpha: true, premultipliedAlpha: true, antialias: false });
    if (!gl) throw new Error('This browser has no WebGL: the overlay needs it to put the picture on a transparent page.');
    this.canvas = canvas;
    this.gl = gl;
    const program = useProgram(gl, vertexShader, fragmentShader, 'overlay');
    gl.bindBuffer(gl.ARRAY_BUFFER, gl.createBuffer());
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    const corner = gl.getAttribLocation(program, 'corner');
    gl.enableVertexAttribArray(corner);
    gl.vertexAttribPointer(corner, 2, gl.FLOAT, false, 0, 0);
    bindVideoTexture(gl);
    this.uniforms = Object.fromEntries(['colourHeight', 'alphaTop', 'opaque'].map(name => [name, gl.getUniformLocation(program, name)]));
  }

  // Draws the video's current frame; the canvas takes the render's size (W × S).
  draw(video) {
    const { gl, canvas, uniforms } = this;
    const width = video.videoWidth, height = video.videoHeight;
    if (!width || !height) return;
    // Packed frames are taller than wide; plain ones are square (or 2:1 in stereo).
    const packed = height > width;
    const rows = packed ? (height - GUARD_ROWS) / 2 : height;
    if (canvas.width !== width || canvas.height !== rows) {
      canvas.width = width;
      canvas.height = rows;
      gl.viewport(0, 0, width, rows);
    }
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGB, gl.RGB, gl.UNSIGNED_BYTE, video);
    gl.uniform1f(uniforms.colourHeight, packed ? rows / height : 1);
    gl.uniform1f(uniforms.alphaTop, packed ? (rows + GUARD_ROWS) / height : 0);
    gl.uniform1f(uniforms.opaque, packed ? 0 : 1);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
  }
}
