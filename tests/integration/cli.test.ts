import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFile, spawn } from 'node:child_process';
import { copyFile, readFile, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from '../helpers/fakes';
import { corpusDir } from '../helpers/corpus';
import { bundleCli } from './cli-bundle';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '..', '..');
const corpus = corpusDir;

const BIN = join(root, 'electron/cli/bin.mjs');
/** The CLI bundled once (cli-bundle.ts): the same source, started without compiling it again for every command. */
let script: string;

/**
 * Runs the CLI in a child process as a user would and parses its JSON lines; `via: BIN` runs `bin.mjs` itself
 * (tsx, no build step), which a few tests keep doing.
 */
async function cli(
  args: string[],
  via: string = script,
): Promise<{ code: number; lines: Record<string, unknown>[]; stderr: string }> {
  const r = await run(process.execPath, [via, ...args], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  }).then(
    (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  return {
    code: r.code,
    lines: r.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: r.stderr,
  };
}

let dir: string;
let cleanup: () => Promise<void>;
let files: Record<string, string>;
let disposeBundle: () => Promise<void>;

beforeAll(async () => {
  ({ script, dispose: disposeBundle } = await bundleCli());
  ({ dir, cleanup } = await tempDir('xfd-cli-'));
  const inbox = join(dir, 'inbox');
  await mkdir(inbox);
  files = {
    good: join(inbox, 'notice.txt'),
    second: join(inbox, 'second.txt'),
    empty: join(inbox, 'empty.jpg'),
    fakePdf: join(inbox, 'letter.pdf'),
    truncated: join(inbox, 'truncated.jpg'),
    encrypted: join(inbox, 'encrypted.pdf'),
  };
  await writeFile(
    files.good,
    [
      '国家信访局文件',
      '国信发〔2019〕3号',
      '国家信访局关于学习宣传贯彻信访工作条例的通知',
      '各省、自治区、直辖市信访局：',
      '现将有关事项通知如下。',
      '国家信访局',
      '2019年3月5日',
    ].join('\n'),
  );
  await writeFile(
    files.second,
    [
      '贵州省人民政府',
      '黔府函〔2013〕238号',
      '贵州省人民政府关于同意撤乡设镇的批复',
      '遵义市人民政府：',
      '同意撤乡设镇。',
      '贵州省人民政府',
      '2013年11月16日',
    ].join('\n'),
  );
  await writeFile(files.empty, '');
  await writeFile(files.fakePdf, '这不是 PDF，只是改了扩展名的文本文件。');
  const jpeg = await readFile(join(corpus, 'docs', 'p01', 'scan-1.jpg'));
  await writeFile(files.truncated, jpeg.subarray(0, Math.floor(jpeg.length / 3)));
  await copyFile(join(root, 'tests', 'fixtures', 'reader', 'encrypted.pdf'), files.encrypted);
}, 60_000);
afterAll(async () => {
  await cleanup();
  await disposeBundle();
});

describe('the command line', () => {
  it('extracts the header fields of a text document as one JSON line with the public field names', async () => {
    const { code, lines } = await cli(['extract', '--json', '--data', join(dir, 'd0'), files.good]);
    expect(code).toBe(0);
    expect(Object.keys(lines[0]!).sort()).toEqual(
      [
        'path',
        'issuingBodies',
        'docNumber',
        'title',
        'docType',
        'addressees',
        'signingDate',
        'attachments',
        'cc',
        'printedBy',
        'printedDate',
        'classification',
        'urgency',
        'copyNumber',
        'referencedDocNumbers',
        // The analysis beyond the stored fields (shared/documents/fields.ts DocumentAnalysis).
        'kind',
        'docForm',
        'signers',
        'notes',
        'forwardedDocNumbers',
        'citedTitles',
        'deadlines',
        'material',
        'warnings',
        // Petition-letter fields (empty unless kind is 来信).
        'petitioners',
        'phones',
        'idNumbers',
        'addresses',
        'region',
        'request',
        'category',
        'letterAddressee',
        'letterDate',
        'headcount',
        'pages',
        'ms',
      ].sort(),
    );
    expect(lines[0]).toMatchObject({
      path: files.good,
      docNumber: '国信发〔2019〕3号',
      signingDate: '2019-03-05',
      docType: '通知',
      pages: 1,
    });
  });

  it('imports a batch with bad files: each bad one gets a Chinese error, the good ones are filed, and nothing filed is touched', async () => {
    const data = join(dir, 'data');
    const first = await cli(['import', '--json', '--data', data, files.good]);
    expect(first.code).toBe(0);
    const filed = first.lines[0]!;
    expect(filed).toMatchObject({ status: 'filed', duplicate: false });

    const batch = await cli([
      'import',
      '--json',
      '--data',
      data,
      files.empty,
      files.fakePdf,
      files.truncated,
      files.encrypted,
      files.second,
      files.good,
    ]);
    expect(batch.code).toBe(1);
    const byPath = new Map(batch.lines.map((l) => [l['path'], l]));
    const errorOf = (p: string) => (byPath.get(p) as { error?: { code: string; message: string } }).error;
    expect(errorOf(files.empty)).toMatchObject({ code: 'file.empty' });
    expect(errorOf(files.fakePdf)?.code).toMatch(/^(file\.corrupt|file\.unsupported_type|pdf\.corrupt)$/);
    expect(errorOf(files.truncated)).toMatchObject({ code: 'file.corrupt' });
    expect(errorOf(files.encrypted)).toMatchObject({ code: 'pdf.encrypted' });
    for (const p of [files.empty, files.fakePdf, files.truncated, files.encrypted]) {
      expect(errorOf(p)!.message).toMatch(/[\u4e00-\u9fff]/);
      expect(errorOf(p)!.message).toContain(p.split('/').pop()!);
    }
    expect(byPath.get(files.second)).toMatchObject({ status: 'filed', fields: { docNumber: '黔府函〔2013〕238号' } });
    expect(byPath.get(files.good)).toMatchObject({ duplicate: true, id: filed['id'], updatedAt: filed['updatedAt'] });

    const list = await cli(['list', '--json', '--data', data]);
    expect(list.lines.map((l) => l['id']).sort()).toEqual([filed['id'], byPath.get(files.second)!['id']].sort());

    const found = await cli(['search', '--json', '--data', data, '黔府函 2013 238']);
    expect(found.lines.map((l) => l['id'])).toEqual([byPath.get(files.second)!['id']]);
  }, 120_000);

  it('explains a missing path and an unknown command in Chinese (through bin.mjs, as `npm run cli` does)', async () => {
    const missing = await cli(['ocr', '--json', join(dir, 'nope.jpg')], BIN);
    expect(missing.code).toBe(1);
    expect(missing.lines[0]).toMatchObject({ error: { code: 'file.not_found' } });
    const unknown = await cli(['frobnicate'], BIN);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('未知命令');
    // Two tsx starts: seconds each on a busy machine.
  }, 120_000);
});

describe('the command line watching a folder', () => {
  it('imports a text file dropped into the watched folder into the review queue, prints one JSON line, and stops cleanly on SIGTERM', async () => {
    const inbox = join(dir, 'watched');
    await mkdir(inbox);
    const data = join(dir, 'watch-data');
    const child = spawn(process.execPath, [script, 'import', '--json', '--data', data, '--watch', inbox], {
      cwd: root,
    });
    const lines: Record<string, unknown>[] = [];
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop()!;
      for (const l of parts.filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
    });
    const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)));

    await vi.waitFor(() => expect(lines[0]).toEqual({ watching: inbox }), { timeout: 30_000, interval: 100 });
    await writeFile(
      join(inbox, 'dropped.txt'),
      ['国家信访局', '国信发〔2021〕9号', '国家信访局关于监视文件夹的通知', '2021年5月6日'].join('\n'),
    );
    await vi.waitFor(() => expect(lines).toHaveLength(2), { timeout: 30_000, interval: 100 });
    expect(lines[1]).toMatchObject({
      path: join(inbox, 'dropped.txt'),
      duplicate: false,
      status: 'review',
      originalName: 'dropped.txt',
      fields: { docNumber: '国信发〔2021〕9号' },
    });

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const list = await cli(['list', '--json', '--data', data]);
    expect(list.lines.map((l) => [l['originalName'], l['status']])).toEqual([['dropped.txt', 'review']]);
  }, 60_000);
});

describe('the deadline command', () => {
  it('counts a statutory period on the official calendar and rolls a period ending in the National Day holiday', async () => {
    const { code, lines } = await cli(['deadline', '--json', '--rule', 'handle_and_reply', '--from', '2025-08-04']);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({
      rule: 'handle_and_reply',
      from: '2025-08-04',
      days: 60,
      unit: 'day',
      strictDue: '2025-10-03',
      due: '2025-10-09',
      rolledOver: true,
      missingCalendarYears: [],
    });
  });

  it('counts working days across 国庆 including the 调休 Saturday, and flags a year without a holiday notice', async () => {
    const workdays = await cli(['deadline', '--json', '--rule', 'object_to_misrouting', '--from', '2025-09-28']);
    expect(workdays.lines[0]).toMatchObject({ unit: 'workday', days: 5, due: '2025-10-11' });
    const future = await cli(['deadline', '--json', '--rule', 'handle_and_reply', '--from', '2027-03-01']);
    expect(future.lines[0]).toMatchObject({ missingCalendarYears: [2027] });
  });

  it('names the valid rules in Chinese when the rule is unknown', async () => {
    const { code, lines } = await cli(['deadline', '--json', '--rule', 'no_such_rule', '--from', '2025-08-04']);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({
      error: { code: 'deadline.unknown_rule', message: expect.stringContaining('handle_and_reply') },
    });
  });
});
