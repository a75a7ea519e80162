#!/usr/bin/env node
// `npm run bench -- <name> [args]`: runs tests/bench/<name>.bench.ts with tsx; each bench prints one JSON object as its last line.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
if (!name || !existsSync(join(here, `${name}.bench.ts`))) {
  process.stderr.write(`用法: npm run bench -- <${available.join('|')}> [参数]\n`);
  process.exit(2);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.bench.ts`), ...args], {
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
