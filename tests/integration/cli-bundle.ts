/**
 * The CLI bundled once per test file with esbuild: `electron/cli/bin.mjs` compiles every TypeScript module with tsx
 * on each start (about 4 s of CPU per command), the bundle about half of that (the rest is loading the packages the
 * CLI imports). It is the same source: each module keeps its own `import.meta.dirname`/`url`, so resource paths
 * resolve as they do under tsx, and packages stay external. The tests still run `bin.mjs` itself for a few commands.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { externalPackages, jsonReadAtRunTime, sourceImportMeta } from './bundle-plugins';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * Bundles `electron/cli/main.ts` and returns the file to run with `node`. The bundle lives under the repository's
 * `node_modules/.cache` so its external packages resolve from the repository's `node_modules`; `dispose` removes it.
 */
export async function bundleCli(): Promise<{ script: string; dispose: () => Promise<void> }> {
  const outdir = join(root, 'node_modules', '.cache', 'xfd-test-cli', `${process.pid}-${Date.now().toString(36)}`);
  await mkdir(outdir, { recursive: true });
  await build({
    entryPoints: [join(root, 'electron', 'cli', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: join(outdir, 'cli.mjs'),
    logLevel: 'error',
    plugins: [externalPackages, jsonReadAtRunTime, sourceImportMeta],
  });
  return { script: join(outdir, 'cli.mjs'), dispose: () => rm(outdir, { recursive: true, force: true }) };
}
