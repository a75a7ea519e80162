import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { silentLogger } from '../../../electron/core/logger';
import { loadLearnedBodies, openRegistry, registryPath } from '../../../electron/core/usecases/registry.usecases';
import { createApp } from '../../../electron/core/create-app';
import { extractFields } from '../../../shared/documents/extract';
import { createTextReader, tempDir, textFile } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  await cleanup();
});

describe('the learned issuing-body registry', () => {
  it('stores a confirmation in the data folder and reads it back in a new session', async () => {
    const reg = await openRegistry({ dataDir: dir, logger: silentLogger });
    await reg.confirm(['再禾县信访局'], ['青禾县信访局'], '青信转〔2024〕3号');
    expect(reg.current().canonical('再禾县信访局')).toBe('青禾县信访局');
    const again = await openRegistry({ dataDir: dir, logger: silentLogger });
    expect(again.current().bodiesForCode('青信转')).toEqual(['青禾县信访局']);
    expect(await loadLearnedBodies(dir)).toHaveLength(1);
  });

  it('never overwrites a damaged registry file and falls back to the seed', async () => {
    await mkdir(dirname(registryPath(dir)), { recursive: true });
    await writeFile(registryPath(dir), '{ broken');
    const reg = await openRegistry({ dataDir: dir, logger: silentLogger });
    await reg.confirm([], ['青禾县信访局'], null);
    expect(await readFile(registryPath(dir), 'utf8')).toBe('{ broken');
    expect(reg.current().bodiesForCode('国信发')).toEqual(['国家信访局']);
  });

  it('learns from a document saved in the app, so the next import of that office reads its body right', async () => {
    const reader = createTextReader();
    const app = await createApp({
      dataDir: dir,
      logger: silentLogger,
      reader,
      now: () => new Date('2026-03-02T08:00:00Z'),
    });
    const lines = (head: string, n: number) => [
      `${head}文件`,
      `青信转〔2024〕${n}号`,
      '关于转送王某信访事项的函',
      '某镇人民政府：',
      '现将王某来信转去，请依法处理。',
      head,
      '2024年4月2日',
    ];
    const first = await app.documents.importFile(textFile('a.txt', lines('再禾县信访局', 1)));
    expect(first.document.fields.issuingBodies).toEqual(['再禾县信访局']);
    await app.documents.save(first.document.id, { ...first.document.fields, issuingBodies: ['青禾县信访局'] });
    const second = await app.documents.importFile(textFile('b.txt', lines('再禾县信访局', 2)));
    expect(second.document.fields.issuingBodies).toEqual(['青禾县信访局']);
    // Without the learned entry the same text reads as OCR left it.
    expect(extractFields(lines('再禾县信访局', 2).join('\n')).issuingBodies).toEqual(['再禾县信访局']);
    await app.close();
  });
});
