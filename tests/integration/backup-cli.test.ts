import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempDir } from '../helpers/fakes';
import { bundleCli } from './cli-bundle';
import { fileDocument, openTestApp } from '../unit/backup/backup-helpers';

/** The CLI bundled once for this file (cli-bundle.ts); `tests/integration/cli.test.ts` also runs `bin.mjs` itself. */
let script: string;
let disposeBundle: () => Promise<void>;
beforeAll(async () => ({ script, dispose: disposeBundle } = await bundleCli()), 120_000);
afterAll(async () => disposeBundle());
const cli = (args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(process.execPath, [script, ...args], { timeout: 120_000 }, (e, stdout, stderr) =>
      resolve({ code: e ? ((e as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );

let root: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir: root, cleanup } = await tempDir('xfd-backup-cli-')));
afterEach(async () => cleanup());

/** Each CLI start still loads every package the CLI imports: seconds each on a busy machine. */
const SLOW = 300_000;

describe('check, backup and restore on the command line', () => {
  it(
    'checks a folder, backs it up, restores the backup into a fresh folder and checks that too',
    async () => {
      const data = join(root, 'data');
      const app = await openTestApp(data);
      await fileDocument(app, 'a.txt', '甲');
      await app.close();

      const check = await cli(['check', '--json', '--data', data]);
      expect(check.code).toBe(0);
      expect(JSON.parse(check.stdout.trim().split('\n').pop()!)).toMatchObject({
        ok: true,
        files: 1,
        records: 1,
        problems: [],
      });

      const zip = join(root, 'backup.zip');
      const backup = await cli(['backup', '--json', '--data', data, '--out', zip]);
      expect(backup.code).toBe(0);
      expect(JSON.parse(backup.stdout)).toMatchObject({ ok: true, path: zip });

      const copy = join(root, 'copy');
      const restore = await cli(['restore', '--json', '--data', copy, zip]);
      expect(restore.code).toBe(0);
      expect(JSON.parse(restore.stdout)).toMatchObject({ ok: true, files: JSON.parse(backup.stdout).files });
      const again = await cli(['check', '--json', '--data', copy]);
      expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, files: 1, records: 1 });
    },
    SLOW,
  );

  it(
    'exits 1 with the problems listed when a record file is damaged',
    async () => {
      const data = join(root, 'data');
      const app = await openTestApp(data);
      await fileDocument(app, 'a.txt', '甲');
      await app.close();
      await writeFile(join(data, 'records', 'documents', 'documents-0.json'), '{"documents":[{"id":"d00');
      const r = await cli(['check', '--json', '--data', data]);
      expect(r.code).toBe(1);
      const out = JSON.parse(r.stdout);
      expect(out.ok).toBe(false);
      expect(out.problems[0]).toMatchObject({ code: 'record_file_corrupt', severity: 'error' });

      const human = await cli(['check', '--data', data]);
      expect(human.stdout).toContain('已损坏');
    },
    SLOW,
  );

  it(
    'shows the audit trail of a document and verifies the log',
    async () => {
      const data = join(root, 'data');
      const app = await openTestApp(data);
      const doc = await fileDocument(app, 'a.txt', '甲');
      await app.close();
      const trail = await cli(['audit', '--json', '--data', data, '--id', doc.id]);
      expect(trail.code).toBe(0);
      expect(
        trail.stdout
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l).action),
      ).toEqual(['document.import', 'document.file']);
      const verify = await cli(['audit', '--verify', '--json', '--data', data]);
      expect(JSON.parse(verify.stdout)).toEqual({ ok: true, entries: 2, problem: null });
    },
    SLOW,
  );
});
