import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '..', '..');

/**
 * The team's shared folder (corpus, seeds, reference): `XFD_SHARED` when set, else `../shared` beside the
 * checkout, else the workplace's `/work/shared` — so a clean clone made elsewhere, as CI does, still finds it.
 */
export const sharedDir: string = (() => {
  if (process.env.XFD_SHARED) return resolve(process.env.XFD_SHARED);
  const candidates = [join(repoRoot, '..', 'shared'), '/work/shared'];
  return candidates.find((c) => existsSync(join(c, 'corpus', 'gold.jsonl'))) ?? candidates[0]!;
})();

/** The labelled sample corpus: `XFD_CORPUS` when set, else `corpus/` of the shared folder. */
export const corpusDir: string = process.env.XFD_CORPUS ? resolve(process.env.XFD_CORPUS) : join(sharedDir, 'corpus');
