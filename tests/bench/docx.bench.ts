// `npm run bench -- docx [--rounds N]`: generates every built-in document type through the core (template check,
// values, 文号 allocation, .docx build, atomic write of the file and the ledger) in a fresh data folder, N rounds.
// Baseline in the same process: the .docx build alone. CPU time per generation (user + system of this process) is
// reported beside wall time, which on a loaded machine mostly measures waiting (fsync, other processes), with the
// load average. Progress to stderr; the last stdout line is one JSON object.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentLogger } from '../../electron/core/logger';
import { buildDocx } from '../../electron/core/services/docx/build-docx';
import { openPaperwork } from '../../electron/core/usecases/paperwork.usecases';
import { composeDocument, normalizeValues } from '../../shared/paperwork/compose';
import { checkTemplate, templateSchema } from '../../shared/paperwork/template';
import { SAMPLE_VALUES } from '../fixtures/paperwork/sample-values';

const here = dirname(fileURLToPath(import.meta.url));
const builtinDir = resolve(here, '../../resources/templates');
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 10;
const TARGET_MS = 300;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1);
};
const mean = (xs: number[]) => +(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);

const templates = readdirSync(builtinDir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => templateSchema.parse(JSON.parse(readFileSync(join(builtinDir, f), 'utf8'))));

const dataDir = mkdtempSync(join(tmpdir(), 'xfd-bench-docx-'));
try {
  const paperwork = await openPaperwork({ dataDir, builtinDir, now: () => new Date(), logger: silentLogger });
  // Warm-up: the first build loads and JIT-compiles the docx package.
  await paperwork.generate({ templateId: templates[0]!.id, values: SAMPLE_VALUES });

  const generateMs: number[] = [];
  const cpuMs: number[] = [];
  const buildMs: number[] = [];
  const perType: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r++) {
    for (const t of templates) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      await paperwork.generate({ templateId: t.id, values: SAMPLE_VALUES });
      const cpu = process.cpuUsage(c0);
      const ms = performance.now() - t0;
      generateMs.push(ms);
      cpuMs.push((cpu.user + cpu.system) / 1000);
      (perType[t.id] ??= []).push(ms);

      const c = checkTemplate(t);
      if (!c.ok) throw new Error(c.issues[0]!.message);
      const b0 = performance.now();
      await buildDocx(composeDocument(c.parsed, normalizeValues(SAMPLE_VALUES), '临信〔2026〕1号'));
      buildMs.push(performance.now() - b0);
    }
    process.stderr.write(`round ${r + 1}/${rounds}: p50 ${pct(generateMs, 50)} ms\n`);
  }
  const p95 = pct(generateMs, 95);
  process.stdout.write(
    JSON.stringify({
      bench: 'docx',
      documents: generateMs.length,
      types: templates.length,
      rounds,
      generateMs: { mean: mean(generateMs), p50: pct(generateMs, 50), p95, max: pct(generateMs, 100) },
      cpuMs: { mean: mean(cpuMs), p50: pct(cpuMs, 50), p95: pct(cpuMs, 95) },
      loadAverage: loadavg().map((x) => +x.toFixed(1)),
      buildOnlyMs: { mean: mean(buildMs), p50: pct(buildMs, 50), p95: pct(buildMs, 95) },
      slowestType: Object.entries(perType)
        .map(([id, xs]) => ({ id, p50: pct(xs, 50) }))
        .sort((a, b) => b.p50 - a.p50)[0],
      targetMs: TARGET_MS,
      pass: p95 < TARGET_MS,
    }) + '\n',
  );
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
