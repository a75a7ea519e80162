import { test as base, expect, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { AppShell } from './pages/app-shell';
import { repoRoot } from './paths';

/** What `xinfangdesk serve --json` prints on its first line. */
export interface ServerInfo {
  readonly url: string;
  readonly port: number;
  readonly token: string;
}

const STARTUP_TIMEOUT_MS = 60_000;
/** The command line to start; overridable to run the specs against another build of the CLI. */
const CLI = process.env.XFD_E2E_CLI ?? join(repoRoot, 'electron', 'cli', 'bin.mjs');

/** Starts `node electron/cli/bin.mjs serve` on a data folder and resolves with its first JSON line. */
/** Calls one request of the API as the page would (token header); throws with the Chinese message when refused. */
export async function callApi<T>(
  request: APIRequestContext,
  server: ServerInfo,
  name: string,
  input: unknown,
): Promise<T> {
  const res = await request.post(`http://127.0.0.1:${server.port}/api/${name}`, {
    headers: { Authorization: `Bearer ${server.token}` },
    data: input,
  });
  const body = (await res.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!body.ok) throw new Error(`${name}: ${body.error?.message}`);
  return body.value as T;
}

function startServer(dataDir: string): { child: ChildProcess; ready: Promise<ServerInfo>; stderr: () => string } {
  const child = spawn(process.execPath, [CLI, 'serve', '--data', dataDir, '--port', '0', '--json'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const ready = new Promise<ServerInfo>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`服务在 ${STARTUP_TIMEOUT_MS / 1000} 秒内没有启动。stderr:\n${stderr}`)),
      STARTUP_TIMEOUT_MS,
    );
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve(JSON.parse(line) as ServerInfo);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`服务启动失败（退出码 ${code}）。stderr:\n${stderr}`));
    });
  });
  return { child, ready, stderr: () => stderr };
}

function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface Fixtures {
  /** A fresh temporary folder for files a test builds itself. */
  workDir: string;
  /** A loopback server on its own empty data folder, stopped after the test. */
  server: ServerInfo;
  /** The app opened in the browser at the server's tokenised address. */
  app: AppShell;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  workDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'xfd-e2e-work-'));
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use, testInfo) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xfd-e2e-data-'));
    const { child, ready, stderr } = startServer(dataDir);
    const info = await ready.catch(async (e: unknown) => {
      await stopServer(child);
      throw e;
    });
    await use(info);
    await stopServer(child);
    if (testInfo.status !== testInfo.expectedStatus && stderr())
      await testInfo.attach('server-stderr.txt', { body: stderr().slice(-20_000), contentType: 'text/plain' });
    await rm(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, server }, use, testInfo) => {
    // What the page asked of the core and what came back, attached when a test fails: a toast that has already
    // faded (an API refusal) or a click that never reached the core is then visible in the report.
    const log: string[] = [];
    const started = Date.now();
    const stamp = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
    page.on('response', (res) => {
      const path = new URL(res.url()).pathname;
      if (!path.startsWith('/api/')) return;
      void res
        .json()
        .then((b: { ok?: boolean; error?: { code?: string; message?: string } }) =>
          log.push(`${stamp()} ${path.slice(5)} → ${b.ok ? 'ok' : `${b.error?.code}: ${b.error?.message}`}`),
        )
        .catch(() => log.push(`${stamp()} ${path.slice(5)} → HTTP ${res.status()}`));
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') log.push(`${stamp()} console.${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => log.push(`${stamp()} pageerror: ${e.message}`));
    const shell = new AppShell(page);
    await shell.open(server.url);
    await use(shell);
    if (testInfo.status !== testInfo.expectedStatus)
      await testInfo.attach('page-api-log.txt', {
        body: log.slice(-80).join('\n') || '（无）',
        contentType: 'text/plain',
      });
  },
});

export { expect };
