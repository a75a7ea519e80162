import sharp from 'sharp';
import { renderTextImage } from './tests/unit/reader/reader.fixtures';
import { prepareForOcr } from './electron/core/services/reader/reader.preprocess';
import { createPaddleEngine } from './electron/core/services/reader/paddle/paddle.engine';
import { createStderrLogger } from './electron/core/logger';
import { detInputSize } from './electron/core/services/reader/paddle/paddle.det';
const upright = renderTextImage(['国家信访局关于做好信访工作的通知', '国信发〔2019〕3号'], { width: 1400 });
const turned = await sharp(upright).rotate(Number(process.argv[2])).png().toBuffer();
const { data, info } = await sharp(turned).removeAlpha().raw().toBuffer({ resolveWithObject: true });
const input = await prepareForOcr({ data, width: info.width, height: info.height, channels: info.channels as 1 | 3 }, 200);
console.log(input.width, input.height, detInputSize(input.width, input.height, 1600));
const e = createPaddleEngine({ logger: createStderrLogger('debug'), workers: 1 });
try { const r = await e.recognize(input, { name: 'x', page: 1 }); console.log(r.confidence, r.text); } catch (err) { console.log(err); }
await e.close();
