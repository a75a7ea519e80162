import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusDir as corpusDirFromHelper } from '../helpers/corpus';

/** The repository root (two levels above this folder). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The labelled sample corpus, kept beside the repository. */
export const corpusDir = corpusDirFromHelper;

/** Where full-page screenshots of the main screens go (git-ignored). */
export const screenshotDir = join(repoRoot, 'tests', 'e2e', 'screenshots');

/** The built renderer the loopback server serves. */
export const rendererDir = join(repoRoot, 'out', 'renderer');

/**
 * The Electron binary, found without `require('electron')` (which would try to download it), or null
 * when this machine has none.
 */
export function electronBinary(): string | null {
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  // The same lookup as electron/index.js, minus its download.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? join(override, relative ?? 'electron') : relative ? join(pkg, 'dist', relative) : null;
  return binary && existsSync(binary) ? binary : null;
}
