import { watch, type FSWatcher } from 'chokidar';
import { basename, resolve } from 'node:path';
import type { Stats } from 'node:fs';

/** The scans a watched folder picks up; everything else is left alone. */
export const WATCHED_EXTENSIONS = /\.(jpe?g|png|tiff?|bmp|pdf|txt)$/i;

/**
 * Names that are never a finished scan: hidden files, Office lock files (~$x), and the partial or temporary
 * files that browsers, copy tools and scanner drivers write before renaming (.part, .crdownload, .tmp …).
 */
const PARTIAL_NAME = /^(\.|~\$|~)|\.(part|partial|crdownload|download|tmp|temp|swp|filepart|!ut|opdownload)$/i;

/** True for a file name the watched folder should import. */
export function isWatchedScanName(name: string): boolean {
  return !PARTIAL_NAME.test(name) && WATCHED_EXTENSIONS.test(name);
}

export interface FolderFile {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface FolderWatcherOptions {
  readonly dir: string;
  /** A file appeared or changed and has kept the same size for `stableMs`. */
  readonly onFile: (file: FolderFile) => void;
  readonly onRemove?: (path: string) => void;
  readonly onError: (error: Error) => void;
  /** How long a file's size must stay unchanged before it counts as written (default 2 s: scanners write slowly over SMB). */
  readonly stableMs?: number;
  readonly pollMs?: number;
}

export interface FolderWatcher {
  readonly dir: string;
  close(): Promise<void>;
}

/**
 * Watches the top level of one folder with chokidar. `awaitWriteFinish` holds each add/change event back until
 * the file's size has stopped changing, so a half-written scan is never reported; files already present are
 * reported too. Resolves once the initial scan is done.
 */
export async function startFolderWatcher(options: FolderWatcherOptions): Promise<FolderWatcher> {
  const dir = resolve(options.dir);
  const stabilityThreshold = options.stableMs ?? 2000;
  const watcher: FSWatcher = watch(dir, {
    depth: 0,
    alwaysStat: true,
    ignoreInitial: false,
    awaitWriteFinish: {
      stabilityThreshold,
      pollInterval: options.pollMs ?? Math.max(50, Math.min(500, stabilityThreshold / 4)),
    },
    ignored: (path: string, stats?: Stats) => {
      if (resolve(path) === dir) return false;
      if (stats?.isDirectory()) return true;
      const name = basename(path);
      if (PARTIAL_NAME.test(name)) return true;
      return stats?.isFile() === true && !WATCHED_EXTENSIONS.test(name);
    },
  });
  const report = (path: string, stats?: Stats) => {
    if (!stats?.isFile() || !isWatchedScanName(basename(path))) return;
    options.onFile({ path: resolve(path), size: stats.size, mtimeMs: stats.mtimeMs });
  };
  watcher.on('add', report);
  watcher.on('change', report);
  watcher.on('unlink', (path: string) => options.onRemove?.(resolve(path)));
  watcher.on('error', (e: unknown) => options.onError(e instanceof Error ? e : new Error(String(e))));
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));
  return { dir, close: () => watcher.close() };
}
