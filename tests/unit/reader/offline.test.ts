import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { corpusDir } from '../../helpers/corpus';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../../..');
const fixtures = path.join(root, 'tests/fixtures/reader');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-offline-'));

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

interface LogEntry {
  readonly thread: number;
  readonly main: boolean;
  readonly loaded?: boolean;
  readonly attempt?: string;
  readonly target?: string;
}

const readLog = (file: string): LogEntry[] =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as LogEntry);

describe('the no-network preload', () => {
  it('records attempts made from the main thread and from a worker thread (so a silent log means something)', async () => {
    const log = path.join(tmp, 'control.log');
    const script = `
      import { Worker } from 'node:worker_threads';
      import dns from 'node:dns';
      try { dns.lookup('example.com', () => {}); } catch {}
      const w = new Worker("fetch('https://example.com/').catch(() => {}); try { process.getBuiltinModule('node:net').connect({ host: 'example.com', port: 80 }); } catch {}", { eval: true });
      await new Promise((resolve) => w.on('exit', resolve));
    `;
    await run(
      process.execPath,
      ['--import', path.join(fixtures, 'no-network.mjs'), '--input-type=module', '-e', script],
      {
        cwd: root,
        env: { ...process.env, NO_NETWORK_LOG: log },
        timeout: 20_000,
      },
    );
    const attempts = readLog(log).filter((e) => e.attempt);
    expect(attempts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ attempt: 'dns.lookup', main: true }),
        expect.objectContaining({ attempt: 'fetch', main: false }),
        expect.objectContaining({ attempt: 'net.connect', main: false }),
      ]),
    );
  });
});

describe('reading with the network unreachable', () => {
  it('OCRs a scanned PDF with a fresh model cache and never touches the network, in the main thread or the OCR worker', async () => {
    const log = path.join(tmp, 'network.log');
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        path.join(fixtures, 'no-network.mjs'),
        '--import',
        'tsx',
        path.join(fixtures, 'offline-read-child.ts'),
        path.join(corpusDir, 'docs/p01/scan.pdf'),
        path.join(tmp, 'cache'),
      ],
      { cwd: root, env: { ...process.env, NO_NETWORK_LOG: log }, timeout: 50_000, maxBuffer: 16 * 1024 * 1024 },
    );
    const result = JSON.parse(stdout) as { source: string; text: string; pages: number; ocrThreadIds: number[] };
    const entries = readLog(log);

    // The reader did real OCR on the page…
    expect(result.source).toBe('ocr');
    expect(result.text).toContain('遵义市人民政府');
    // …with the models copied from the npm packages into the empty cache…
    expect(fs.readdirSync(path.join(tmp, 'cache/tessdata')).sort()).toEqual([
      'chi_sim.traineddata.gz',
      'eng.traineddata.gz',
    ]);
    // …the network patch was active in the main thread and inside tesseract's worker thread…
    expect(result.ocrThreadIds).toHaveLength(1);
    const loadedIn = entries.filter((e) => e.loaded).map((e) => e.thread);
    expect(loadedIn).toContain(0);
    expect(loadedIn).toContain(result.ocrThreadIds[0]);
    // …and nothing tried to fetch, resolve a name or open a socket.
    expect(entries.filter((e) => e.attempt)).toEqual([]);
  });
});
