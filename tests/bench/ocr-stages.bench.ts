// `npm run bench -- ocr-stages [--only c04,p01] [--arena det,rec,cls|none] [--rec-batch N] [--rec-width PX]`
// Where the PaddleOCR path spends CPU per page: every stage of one page runs on its own, one page at a time, on
// one inference thread with one intra-op thread, and the process's CPU time (all threads, libvips' included) is
// charged to the stage that just ran. The stages follow reader.ts → prepareForOcr → paddle.engine.ts (decode,
// preview, 200 dpi resize, skew estimate, rotation, red channel, header bands, seal finding, detector input,
// detector run, DB boxes, line crops, orientation sample, recogniser input and runs); prepareForOcr also runs
// whole, so its total can be compared with its parts. Figures are CPU seconds per page; the last stdout line is JSON.
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { detectKind } from '../../electron/core/services/reader/reader.detect';
import { openImage } from '../../electron/core/services/reader/reader.images';
import { estimateSkew, rotatePage } from '../../electron/core/services/reader/reader.orient';
import {
  OCR_DPI,
  findGreySeals,
  findRedHeaderBands,
  findRedSeals,
  makePreview,
  prepareForOcr,
} from '../../electron/core/services/reader/reader.preprocess';
import {
  DEFAULT_DB_OPTIONS,
  dbBoxes,
  detInputSize,
  detTensor,
} from '../../electron/core/services/reader/paddle/paddle.det';
import { arenaSessions } from '../../electron/core/services/reader/paddle/paddle.engine';
import { locatePaddleModels } from '../../electron/core/services/reader/paddle/paddle.models';
import {
  REC_HEIGHT,
  REC_MIN_WIDTH,
  recBatchTensor,
  recWidth,
} from '../../electron/core/services/reader/paddle/paddle.rec';
import {
  resolveOnnxRuntime,
  startInferenceThread,
  type PaddleSessionName,
} from '../../electron/core/services/reader/paddle/paddle.worker';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const corpus = resolve(
  option('corpus') ?? process.env.XFD_CORPUS ?? join(import.meta.dirname, '../../../shared/corpus'),
);
const only = (option('only') ?? 'c04,p01,m01,p05,p06').split(',').filter(Boolean);
const arenaOption = option('arena');
const arena =
  arenaOption === undefined
    ? arenaSessions(true)
    : arenaOption === 'none'
      ? []
      : (arenaOption.split(',').filter(Boolean) as PaddleSessionName[]);
/** Lines per recogniser run and widest run in line pixels (the engine reads one line per run). */
const recBatch = Number(option('rec-batch') ?? 1);
const recRunWidth = Number(option('rec-width') ?? Infinity);
const CLS_WIDTH = 192;

const cpu: Record<string, number> = {};
const counts: Record<string, number> = {};
let mark = process.cpuUsage();
/** Charges the CPU time since the last charge to `stage`. */
function charge(stage: string): void {
  const u = process.cpuUsage(mark);
  cpu[stage] = (cpu[stage] ?? 0) + (u.user + u.system) / 1e6;
  mark = process.cpuUsage();
}
const count = (name: string, n: number): void => void (counts[name] = (counts[name] ?? 0) + n);

function readPgm(b: Buffer): { data: Uint8Array; width: number; height: number } {
  const h = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(b.subarray(0, 64).toString('latin1'));
  if (!h) throw new Error('not a PGM');
  const width = Number(h[1]);
  const height = Number(h[2]);
  return { data: new Uint8Array(b.buffer, b.byteOffset + h[0].length, width * height), width, height };
}

async function main(): Promise<void> {
  const models = await locatePaddleModels();
  const thread = startInferenceThread(
    { det: models.det, rec: models.rec, cls: models.cls },
    1,
    resolveOnnxRuntime(),
    arena,
  );
  await thread.ready();
  let pages = 0;
  try {
    for (const id of only) {
      const dir = join(corpus, 'docs', id);
      for (const f of readdirSync(dir)
        .filter((n) => /^scan-\d+\.jpg$/.test(n))
        .sort()) {
        pages++;
        const bytes = new Uint8Array(readFileSync(join(dir, f)));
        mark = process.cpuUsage();
        const image = await openImage(f, bytes, detectKind(f, bytes), 120_000_000);
        const { raw, dpi } = await image.readPage(0);
        charge('decode');
        await makePreview(raw);
        charge('preview');
        let page = raw;
        if (dpi > OCR_DPI * 1.15) {
          const { data, info } = await sharp(page.data, {
            raw: { width: page.width, height: page.height, channels: page.channels },
          })
            .resize({ width: Math.round((page.width * OCR_DPI) / dpi), kernel: 'lanczos3' })
            .toColourspace(page.channels === 1 ? 'b-w' : 'srgb')
            .raw()
            .toBuffer({ resolveWithObject: true });
          page = { data, width: info.width, height: info.height, channels: page.channels };
        }
        charge('prepare.resize200dpi');
        const angle = await estimateSkew(page);
        charge('prepare.skewEstimate');
        if (Math.abs(angle) >= 0.6) page = await rotatePage(page, -angle);
        charge('prepare.rotate');
        if (page.channels === 3) {
          const raw3 = { raw: { width: page.width, height: page.height, channels: 3 as const } };
          const red = await sharp(page.data, raw3).extractChannel(0).raw().toBuffer();
          charge('prepare.redChannel');
          findRedHeaderBands(page);
          charge('prepare.headerBands');
          findRedSeals(page);
          findGreySeals(red, page.width, page.height);
        } else findGreySeals(page.data, page.width, page.height);
        charge('prepare.seals (used by tesseract.js only)');
        const input = await prepareForOcr(raw, dpi);
        charge('prepareForOcr whole (again)');
        const images = [readPgm(input.body), ...input.regions.map((r) => readPgm(r.image))];
        for (const im of images) {
          const size = detInputSize(im.width, im.height, 960);
          const resized = await sharp(im.data, { raw: { width: im.width, height: im.height, channels: 1 } })
            .resize({ width: size.width, height: size.height, fit: 'fill', kernel: 'cubic' })
            .extractChannel(0)
            .raw()
            .toBuffer();
          const tensor = detTensor({ data: resized, width: size.width, height: size.height });
          charge('det.input');
          const out = await thread.det(tensor, [1, 3, size.height, size.width]);
          charge('det.run');
          const [, , h, w] = out.dims as [number, number, number, number];
          const boxes = dbBoxes(out.data, w, h, im.width / w, im.height / h, DEFAULT_DB_OPTIONS).filter(
            (b) => b.x1 - b.x0 >= 2 && b.y1 - b.y0 >= 2,
          );
          charge('det.boxes');
          const crops = await Promise.all(
            boxes.map(async (box) => {
              const bw = box.x1 - box.x0;
              const bh = box.y1 - box.y0;
              const width = recWidth(bw, bh);
              const data = await sharp(im.data, { raw: { width: im.width, height: im.height, channels: 1 } })
                .extract({ left: box.x0, top: box.y0, width: bw, height: bh })
                .resize({ width, height: REC_HEIGHT, fit: 'fill', kernel: 'cubic' })
                .extractChannel(0)
                .raw()
                .toBuffer();
              return { data, width };
            }),
          );
          charge('crops');
          const sample = Math.min(8, crops.length);
          if (sample > 0)
            await thread.cls(new Float32Array(sample * 3 * REC_HEIGHT * CLS_WIDTH), [sample, 3, REC_HEIGHT, CLS_WIDTH]);
          charge('cls.sample');
          const order = crops.map((_, i) => i).sort((a, b) => crops[a]!.width - crops[b]!.width);
          const runs: number[][] = [];
          for (const i of order) {
            const last = runs[runs.length - 1];
            const width = Math.max(REC_MIN_WIDTH, crops[i]!.width);
            if (last && last.length < recBatch && (last.length + 1) * width <= recRunWidth) last.push(i);
            else runs.push([i]);
          }
          for (const run of runs) {
            const t = recBatchTensor(run.map((i) => crops[i]!));
            count('recPixelColumns', t.width * run.length);
            charge('rec.input');
            await thread.rec(t.data, [run.length, 3, REC_HEIGHT, t.width]);
            charge('rec.run');
          }
          count('lines', boxes.length);
          count('recRuns', runs.length);
          count('detPixels', size.width * size.height);
        }
        process.stderr.write(`ocr-stages ${id}/${f}\n`);
      }
    }
  } finally {
    await thread.close();
  }
  const perPage = (v: number, digits: number): number => Number((v / Math.max(1, pages)).toFixed(digits));
  const stages = Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, perPage(v, 3)]));
  const pipeline = Object.entries(cpu)
    .filter(([k]) => !k.startsWith('prepareForOcr whole'))
    .reduce((a, [, v]) => a + v, 0);
  process.stdout.write(
    JSON.stringify({
      bench: 'ocr-stages',
      pages,
      documents: only,
      arena,
      recBatch,
      loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
      maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      cpuSecondsPerPage: stages,
      paddlePathCpuSecondsPerPage: perPage(pipeline, 3),
      perPage: Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, perPage(v, 1)])),
    }) + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`ocr-stages bench: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
