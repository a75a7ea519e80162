#!/usr/bin/env node
// `npm run lint:electron`: Electronegativity over electron/ with the installed Electron version; fails on any
// finding of medium severity or above that has no written justification in electronegativity-justifications.json.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(
  readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;
const bin = require.resolve('@doyensec/electronegativity/dist/index.js');
const justified = JSON.parse(readFileSync(join(here, 'electronegativity-justifications.json'), 'utf8'));
const work = mkdtempSync(join(tmpdir(), 'xfd-electronegativity-'));
const csv = join(work, 'findings.csv');

const r = spawnSync(
  process.execPath,
  [bin, '-i', join(root, 'electron'), '-r', '-s', 'medium', '-e', electronVersion, '-o', csv],
  { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 },
);
let text;
try {
  text = readFileSync(csv, 'utf8');
} catch {
  process.stderr.write(`Electronegativity produced no report (exit ${r.status}):\n${r.stderr}\n`);
  process.exit(2);
} finally {
  rmSync(work, { recursive: true, force: true });
}

/** One CSV line into fields (quoted fields may hold commas). */
const fields = (line) => [...line.matchAll(/("([^"]|"")*"|[^,]*)(,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').trim());
const findings = text
  .split('\n')
  .slice(1)
  .filter((l) => l.trim())
  .map((l) => {
    const [check, severity, confidence, file, location] = fields(l);
    return { check, severity, confidence, file, location };
  })
  .filter((f) => ['MEDIUM', 'HIGH', 'CRITICAL'].includes(f.severity));

let open = 0;
for (const f of findings) {
  const why = justified[`${f.check} ${f.file}`];
  process.stdout.write(`${why ? 'justified' : 'FINDING  '} ${f.severity} ${f.check} ${f.file}:${f.location}\n`);
  if (why) process.stdout.write(`          ${why}\n`);
  else open++;
}
process.stdout.write(
  JSON.stringify({ electronVersion, findings: findings.length, justified: findings.length - open, open }) + '\n',
);
process.exit(open === 0 ? 0 : 1);
