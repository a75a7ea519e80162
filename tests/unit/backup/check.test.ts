import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmod, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkDataFolder } from '../../../electron/core/usecases/integrity.usecases';
import { tempDir } from '../../helpers/fakes';
import { fileDocument, openTestApp } from './backup-helpers';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-check-')));
afterEach(async () => cleanup());

async function twoDocuments() {
  const app = await openTestApp(dir);
  const a = await fileDocument(app, 'a.txt', '甲');
  const b = await fileDocument(app, 'bb.txt', '乙');
  await app.close();
  return { a, b };
}

const originalPath = (sha: string) => join(dir, 'files', sha.slice(0, 2), `${sha}.txt`);

describe('the integrity check', () => {
  it('reports a healthy folder as ok with the number of originals and records it verified', async () => {
    await twoDocuments();
    const r = await checkDataFolder({ dataDir: dir });
    expect(r).toMatchObject({ ok: true, files: 2, records: 2, problems: [] });
    expect(r.recordFiles).toBeGreaterThanOrEqual(2);
  });

  it('finds an original whose bytes no longer match its hash, and one that has gone', async () => {
    const { a, b } = await twoDocuments();
    await chmod(originalPath(a.sha256), 0o644);
    await writeFile(originalPath(a.sha256), '被改动的原件');
    await rm(originalPath(b.sha256), { force: true });
    const r = await checkDataFolder({ dataDir: dir });
    expect(r.ok).toBe(false);
    expect(r.problems.map((p) => [p.code, p.id ?? null])).toEqual(
      expect.arrayContaining([
        ['original_hash_mismatch', null],
        ['original_missing', b.id],
      ]),
    );
    expect(r.problems.every((p) => /[\u4e00-\u9fff]/.test(p.message))).toBe(true);
  });

  it('finds a record without its text, a damaged record file, and warns about an original without a record', async () => {
    const { a } = await twoDocuments();
    await rm(join(dir, 'texts', a.id.slice(-2), `${a.id}.json`));
    const r1 = await checkDataFolder({ dataDir: dir });
    expect(r1.problems.find((p) => p.code === 'text_missing')?.id).toBe(a.id);

    await writeFile(join(dir, 'records', 'documents', 'documents-0.json'), '{"documents":[');
    const r2 = await checkDataFolder({ dataDir: dir });
    expect(r2.ok).toBe(false);
    expect(r2.problems.find((p) => p.code === 'record_file_corrupt')?.path).toBe('records/documents/documents-0.json');
    // With the records unreadable, both originals are now unaccounted for (a warning, not an error).
    expect(r2.problems.filter((p) => p.code === 'original_unreferenced')).toHaveLength(2);
    // The check never repairs: the damaged file is still there for start-up recovery.
    expect((await readdir(join(dir, 'records', 'documents'))).filter((n) => n.endsWith('.json'))).toEqual([
      'documents-0.json',
    ]);
  });

  it('refuses to run while another instance holds the folder', async () => {
    await twoDocuments();
    const app = await openTestApp(dir);
    await expect(checkDataFolder({ dataDir: dir })).rejects.toMatchObject({ code: 'store.locked' });
    await app.close();
  });
});
