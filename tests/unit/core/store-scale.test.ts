import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../../../electron/core/store/store';
import { tempDir } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-store-scale-')));
afterEach(async () => cleanup());

describe('opening a large archive', () => {
  it('opens 130,000 records and continues the numbering after the highest one', async () => {
    const docs = join(dir, 'records', 'documents');
    await mkdir(docs, { recursive: true });
    const per = 5000;
    const total = 130_000;
    // The counter lags behind the records (a crash between writing a record and bumping it).
    await writeFile(
      join(dir, 'records', 'meta.json'),
      JSON.stringify({ schemaVersion: 1, createdAt: '2026-01-01T00:00:00Z', nextDocSeq: 5, shardSize: per }),
    );
    for (let n = 0; n * per <= total; n++) {
      const documents = [];
      for (let seq = Math.max(1, n * per); seq < Math.min(total + 1, (n + 1) * per); seq++)
        documents.push({ id: `d${String(seq).padStart(7, '0')}`, seq, sha256: `s${seq}`, updatedAt: '2026-01-01' });
      await writeFile(join(docs, `documents-${n}.json`), JSON.stringify({ documents }));
    }
    const store = await openStore(dir);
    expect(store.allDocuments()).toHaveLength(total);
    expect(await store.nextDocumentId()).toEqual({ id: 'd0130001', seq: 130_001 });
    await store.close();
  });
});
