import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../../../helpers/corpus';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../../..');
const fixtures = path.join(root, 'tests/fixtures/reader');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-paddle-offline-'));
const SCAN = path.join(corpusDir, 'docs/p01/scan.pdf');

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A network namespace needs CAP_SYS_ADMIN (root, or a user namespace the kernel allows); CI containers may refuse it. */
const unshare = spawnSync('unshare', ['-n', 'true']);
const canUnshare = unshare.status === 0;
const why = canUnshare
  ? ''
  : ` (skipped: \`unshare -n\` is not available here: ${String(unshare.error ?? unshare.stderr).trim()})`;

describe('PaddleOCR without a network', () => {
  it.skipIf(!canUnshare)(`cannot reach anything inside the namespace (control)${why}`, async () => {
    const probe = `require('node:net').connect({ host: '1.1.1.1', port: 80 })
      .on('connect', () => { console.log('connected'); process.exit(0); })
      .on('error', (e) => { console.log(e.code); process.exit(0); });`;
    const { stdout } = await run('unshare', ['-n', process.execPath, '-e', probe], { timeout: 10_000 });
    expect(stdout.trim()).toMatch(/^(ENETUNREACH|EHOSTUNREACH|ECONNREFUSED)$/);
  });

  it.skipIf(!canUnshare)(
    `reads a scanned PDF with the PaddleOCR engine in a network namespace with no network, nothing attempted${why}`,
    async () => {
      const log = path.join(tmp, 'network.log');
      const { stdout } = await run(
        'unshare',
        [
          '-n',
          process.execPath,
          '--import',
          path.join(fixtures, 'no-network.mjs'),
          '--import',
          'tsx',
          path.join(fixtures, 'paddle-offline-child.ts'),
          SCAN,
          path.join(tmp, 'cache'),
        ],
        { cwd: root, env: { ...process.env, NO_NETWORK_LOG: log }, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 },
      );
      const result = JSON.parse(stdout) as {
        source: string;
        text: string;
        status: { active: string | null; message: string | null };
        workersAfterClose: number;
      };
      expect(result.source).toBe('ocr');
      expect(result.status).toMatchObject({ active: 'paddle', message: null });
      expect(result.text.replace(/\s+/g, '')).toContain('遵义市人民政府');
      expect(result.workersAfterClose).toBe(0);
      // The preload also ran, and nothing in the process tried to resolve a name, fetch or open a socket.
      const entries = fs
        .readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { loaded?: boolean; attempt?: string });
      expect(entries.some((e) => e.loaded)).toBe(true);
      expect(entries.filter((e) => e.attempt)).toEqual([]);
    },
    // Model loading plus one 200 dpi page takes 5–10 s on an idle 2-core machine; far longer when it is shared.
    180_000,
  );
});
