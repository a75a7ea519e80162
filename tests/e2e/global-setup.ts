import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleCli } from '../integration/cli-bundle';
import { rendererDir, repoRoot, screenshotDir } from './paths';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the renderer when `out/renderer` is missing or older than its sources, so specs never test a stale UI, and
 * bundles the CLI the specs' servers run (fixtures.ts, `XFD_E2E_CLI`): `bin.mjs` compiles every TypeScript module
 * with tsx on each start, seconds of CPU per test; the bundle is the same source (tests/integration/cli-bundle.ts).
 * Returns the teardown that removes the bundle.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  mkdirSync(screenshotDir, { recursive: true });
  buildRendererIfStale();
  if (process.env['XFD_E2E_CLI']) return async () => undefined;
  const { script, dispose } = await bundleCli();
  // Set here, it reaches the workers, where fixtures.ts reads it.
  process.env['XFD_E2E_CLI'] = script;
  return dispose;
}

function buildRendererIfStale(): void {
  const built = join(rendererDir, 'index.html');
  const stale =
    !existsSync(built) ||
    statSync(built).mtimeMs < Math.max(newestMtime(join(repoRoot, 'renderer')), newestMtime(join(repoRoot, 'shared')));
  if (!stale) return;
  process.stdout.write('界面构建已过期，正在运行 electron-vite build…\n');
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
}
