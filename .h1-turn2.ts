import sharp from 'sharp';
import { renderTextImage } from './tests/unit/reader/reader.fixtures';
import { createDocumentReader } from './electron/core/services/reader/reader';
import { createStderrLogger } from './electron/core/logger';
const upright = renderTextImage(['国家信访局关于做好信访工作的通知', '国信发〔2019〕3号', '各省、自治区、直辖市信访局：', '柞水县人民政府于2023年5月10日', '请认真贯彻执行。'], { width: 1400 });
const turned = await sharp(upright).rotate(Number(process.argv[2])).png().toBuffer();
const r = createDocumentReader({ cacheDir: '/tmp/h1/cache', logger: createStderrLogger('debug'), workers: 1, ocrEngine: 'accurate' });
try { const d = await r.readFile({ name: 'x.png', bytes: turned }); console.log(d.pages[0]!.rotation, d.pages[0]!.confidence, d.text); } catch (err) { console.log(err); }
await r.close();
