// `npm run bench -- crash [--kills N] [--lanes N] [--seed N]`: the crash harness at any size.
// Last line: { kills, verifiedOps, lost, corrupt } (plus ms and the run's seed).
import { parseArgs } from 'node:util';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCrashHarness } from '../integration/crash/crash-harness';

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '1000' },
    lanes: { type: 'string', default: '3' },
    seed: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed ?? Date.now() % 2 ** 31);
const workDir = await mkdtemp(join(tmpdir(), 'xfd-crash-bench-'));
const kills = Number(values.kills);
let shown = 0;
const r = await runCrashHarness({
  kills,
  lanes: Number(values.lanes),
  seed,
  workDir,
  onProgress: (done) => {
    if (done - shown >= 50 || (done === kills && shown < kills)) {
      shown = done;
      process.stderr.write(`已强制结束 ${done}/${kills} 次\n`);
    }
  },
});
for (const f of r.failures.slice(0, 50)) process.stderr.write(`✗ ${f}\n`);
process.stderr.write(`平均启动 ${r.meanStartMs} ms，平均重开核对 ${r.meanVerifyMs} ms\n`);
if (values.keep) process.stderr.write(`数据保留在 ${workDir}\n`);
else await rm(workDir, { recursive: true, force: true });
process.stdout.write(
  JSON.stringify({ kills: r.kills, verifiedOps: r.verifiedOps, lost: r.lost, corrupt: r.corrupt, ms: r.ms, seed }) +
    '\n',
);
process.exitCode = r.lost === 0 && r.corrupt === 0 ? 0 : 1;
