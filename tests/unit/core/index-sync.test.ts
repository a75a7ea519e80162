import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openStore } from '../../../electron/core/store/store';
import { JOURNAL_FILE, openSearchIndex } from '../../../electron/core/services/search/persistent-index';
import { createDocumentUsecases } from '../../../electron/core/usecases/documents.usecases';
import { silentLogger } from '../../../electron/core/logger';
import { createTextReader, lineExtract, tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir('xfd-index-sync-')));
afterEach(async () => cleanup());

/** The core's document use cases over the folder's store and persisted index, as create-app wires them. */
async function open() {
  const store = await openStore(dir);
  const index = await openSearchIndex({ dir: join(dir, 'index'), logger: silentLogger });
  const documents = createDocumentUsecases({
    store,
    reader: createTextReader(),
    index,
    extract: lineExtract,
    now: () => new Date('2026-03-02T08:00:00Z'),
    emitProgress: () => undefined,
    logger: silentLogger,
  });
  return {
    index,
    documents,
    close: async () => {
      await index.close();
      await store.close();
    },
  };
}

/** Four filed documents, then an index base that holds none of them (records restored beside an old index). */
async function recordsAheadOfIndex() {
  const a = await open();
  for (let i = 1; i <= 4; i++) {
    const { document } = await a.documents.importFile(
      textFile(`n${i}.txt`, ['测试机关', `测发〔2026〕${i}号`, `第${i}份通知`, `正文编码${i}号`]),
    );
    await a.documents.save(document.id, document.fields);
  }
  await a.close();
  await rm(join(dir, 'index'), { recursive: true, force: true });
  const empty = await openSearchIndex({ dir: join(dir, 'index'), logger: silentLogger });
  await empty.save();
  await empty.close();
}

const journalLines = async () => (await readFile(join(dir, 'index', JOURNAL_FILE), 'utf8')).trim().split('\n');

describe('bringing the search index up to date at start-up', () => {
  it('re-indexes a few missed documents through the journal', async () => {
    await recordsAheadOfIndex();
    const b = await open();
    expect(await b.documents.syncIndex()).toEqual({ added: 4, removed: 0 });
    await b.index.flush();
    expect(await journalLines()).toHaveLength(1 + 4); // the base line and one line per document
    expect(b.documents.search('编码3号', 5).hits).toHaveLength(1);
    await b.close();
  });

  it('rebuilds in memory, without a journal line per document, when the index is far behind the records', async () => {
    await recordsAheadOfIndex();
    const b = await open();
    expect(await b.documents.syncIndex({ rebuildAbove: 2 })).toEqual({ added: 4, removed: 0 });
    await b.index.flush();
    expect(await journalLines()).toHaveLength(1);
    expect(b.index.needsSave()).toBe(true);
    expect(b.documents.search('编码3号', 5).hits).toHaveLength(1);
    await b.index.save();
    await b.close();
    // What was rebuilt is saved as the new base and found at the next start with nothing left to re-index.
    const c = await open();
    expect(await c.documents.syncIndex({ rebuildAbove: 2 })).toEqual({ added: 0, removed: 0 });
    expect(c.documents.search('编码4号', 5).hits).toHaveLength(1);
    await c.close();
  });
});
