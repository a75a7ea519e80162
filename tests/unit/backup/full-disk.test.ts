import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type * as FsPromises from 'node:fs/promises';
import { tempDir } from '../../helpers/fakes';

/** When set, the next write through a file handle fails as a full disk does. */
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof FsPromises>();
  const open: typeof fs.open = async (...args: Parameters<typeof fs.open>) => {
    const fh = await fs.open(...args);
    if (!disk.full) return fh;
    return Object.assign(Object.create(Object.getPrototypeOf(fh) as object) as typeof fh, fh, {
      writeFile: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      sync: () => fh.sync(),
      close: () => fh.close(),
    });
  };
  return { ...fs, open, default: { ...fs, open } };
});

const { openTestApp, fileDocument } = await import('./backup-helpers');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-full-')));
afterEach(async () => {
  disk.full = false;
  await cleanup();
});

describe('a full disk', () => {
  it('fails a save cleanly in Chinese and leaves the previous record file and the record in memory as they were', async () => {
    const app = await openTestApp(dir);
    const doc = await fileDocument(app, 'a.txt', '原标题');
    const shard = join(dir, 'records', 'documents', 'documents-0.json');
    const before = await readFile(shard, 'utf8');
    disk.full = true;
    await expect(app.documents.save(doc.id, { ...doc.fields, title: '新标题' })).rejects.toMatchObject({
      code: 'store.write_failed',
      message: expect.stringContaining('磁盘空间已满'),
    });
    expect(await readFile(shard, 'utf8')).toBe(before);
    expect(app.store.getDocument(doc.id)?.fields.title).toBe('原标题');
    // No temp file is left behind to fill the disk further.
    expect((await readdir(join(dir, 'records', 'documents'))).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    disk.full = false;
    const saved = await app.documents.save(doc.id, { ...doc.fields, title: '新标题' });
    expect(saved.fields.title).toBe('新标题');
    await app.close();
  });
});
