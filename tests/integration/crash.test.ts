import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/fakes';
import { runCrashHarness } from './crash/crash-harness';

/** CI-sized: at least 200 SIGKILLs; `npm run bench -- crash --kills N` runs longer. XFD_CRASH_KILLS overrides. */
const KILLS = Math.max(200, Number(process.env['XFD_CRASH_KILLS'] ?? 200));

let work: { dir: string; cleanup: () => Promise<void> };
beforeAll(async () => (work = await tempDir('xfd-crash-')));
afterAll(async () => work.cleanup());

describe('crash safety under SIGKILL', () => {
  it(`loses no acknowledged filing, correction or backup and leaves nothing half-written across ${KILLS} kills`, async () => {
    const r = await runCrashHarness({ kills: KILLS, lanes: 4, workDir: work.dir });
    expect(r.failures).toEqual([]);
    expect(r).toMatchObject({ lost: 0, corrupt: 0 });
    expect(r.kills).toBeGreaterThanOrEqual(KILLS);
    // Kills land in the middle of real work, not only before the child got going.
    expect(r.verifiedOps).toBeGreaterThan(KILLS / 2);
    // About a minute on an idle two-core machine; the limit leaves room for a machine shared with other builds.
  }, 600_000);
});
