import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { silentLogger } from '../../../electron/core/logger';
import { startHttpServer, type RunningServer } from '../../../electron/server/http-server';
import { createTextReader, lineExtract, tempDir } from '../../helpers/fakes';

let dir: string;
let cleanup: () => Promise<void>;
let app: XinfangApp;
let server: RunningServer;
let rendererDir: string;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>信访文书台</title>');
  await writeFile(join(dir, 'secret.txt'), 'secret');
  app = await createApp({
    dataDir: join(dir, 'data'),
    logger: silentLogger,
    reader: createTextReader(),
    extract: lineExtract,
  });
  server = await startHttpServer({ app, rendererDir, logger: silentLogger });
});
afterEach(async () => {
  await server.close();
  await app.close();
  await cleanup();
});

const base = () => `http://127.0.0.1:${server.port}`;
const post = (name: string, body: unknown, token = server.token) =>
  fetch(`${base()}/api/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });

/** Raw request so the Host header can be forged (fetch forbids setting it). */
const rawGet = (path: string, host: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });

describe('the loopback HTTP transport', () => {
  it('listens on 127.0.0.1 only and prints a URL that carries the token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=${server.token}$`));
    expect(server.token.length).toBeGreaterThanOrEqual(24);
  });

  it('answers a request of the contract and refuses one without the token', async () => {
    const ok = await post('app.info', {});
    expect(await ok.json()).toMatchObject({ ok: true, value: { name: '信访文书台' } });
    const denied = await post('app.info', {}, 'wrong-token-wrong-token-wrong');
    expect(denied.status).toBe(401);
    expect(await denied.json()).toMatchObject({ ok: false, error: { code: 'request.unauthorized' } });
  });

  it('returns validation errors and unknown requests as Chinese error data', async () => {
    const bad = await post('documents.get', { id: 5 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      error: { code: 'validation.invalid_input', message: expect.stringMatching(/字段/) },
    });
    const notJson = await fetch(`${base()}/api/app.info`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}` },
      body: '{oops',
    });
    expect(await notJson.json()).toMatchObject({ ok: false, error: { code: 'validation.invalid_input' } });
  });

  it('refuses a body over the size limit before reading it', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/intake.importFile',
          method: 'POST',
          headers: {
            host: `127.0.0.1:${server.port}`,
            authorization: `Bearer ${server.token}`,
            'content-length': String(300 * 1024 * 1024),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write('x');
    });
    expect(status).toBe(413);
    expect(app.store.allDocuments()).toHaveLength(0);
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const page = await fetch(`${base()}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('信访文书台');
    expect((await fetch(`${base()}/..%2Fsecret.txt`)).status).toBe(404);
    expect(await rawGet('/%2e%2e/secret.txt', `127.0.0.1:${server.port}`)).toBe(404);
    expect(await rawGet('/../secret.txt', `127.0.0.1:${server.port}`)).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
    expect(await rawGet('/', `localhost:${server.port}`)).toBe(200);
  });

  it('pushes import progress to subscribers as server-sent events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base()}/api/events?token=${server.token}`, { signal: controller.signal });
    const reader = res.body!.getReader();
    const upload = post('intake.importFile', {
      name: 'a.txt',
      dataBase64: Buffer.from('国家信访局\n国信发〔2019〕1号\n标题').toString('base64'),
      ref: 'r1',
    });
    let seen = '';
    while (!seen.includes('"stage":"done"')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(seen).toContain('"name":"intake.progress"');
    expect(seen).toContain('"ref":"r1"');
    expect(await (await upload).json()).toMatchObject({ ok: true, value: { duplicate: false } });
  });
});
