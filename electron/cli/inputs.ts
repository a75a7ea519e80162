import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../shared/errors/app-error';
import type { NamedBytes } from '../core/services/reader/reader.types';

const PAGE_IMAGE = /\.(jpe?g|png|tiff?|bmp|webp)$/i;
const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

/**
 * The page images of a folder in name order. A folder that holds more than one numbered series
 * (page-1.png … and scan-1.jpg …, as scanners and exports leave them) is read as its longest series,
 * so the same page is never read twice.
 */
export function pageFilesOf(names: readonly string[]): string[] {
  const images = names.filter((n) => PAGE_IMAGE.test(n)).sort(collator.compare);
  const series = new Map<string, string[]>();
  for (const n of images) {
    const m = /^(.*?)[-_ ]?\d+\.[^.]+$/.exec(n);
    const key = m ? `${m[1]}|${n.slice(n.lastIndexOf('.')).toLowerCase()}` : n;
    series.set(key, [...(series.get(key) ?? []), n]);
  }
  if (series.size <= 1) return images;
  const numbered = [...series.values()].filter((s) => /\d+\.[^.]+$/.test(s[0]!));
  if (numbered.length < 2 || numbered.length !== series.size) return images;
  return numbered.reduce((best, s) => (s.length > best.length ? s : best));
}

/** Reads a CLI path: a file is one document, a folder is its page images as one document. */
export async function readInput(path: string): Promise<NamedBytes[]> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new AppError('file.not_found', `找不到“${path}”。请检查路径是否正确。`);
  if (info.isDirectory()) {
    const pages = pageFilesOf(await readdir(path));
    if (pages.length === 0)
      throw new AppError('file.unsupported_type', `文件夹“${path}”里没有页面图像（JPG、PNG、TIFF）。`);
    return Promise.all(pages.map(async (n) => ({ name: n, bytes: await readFile(join(path, n)) })));
  }
  return [{ name: path.split(/[\\/]/).pop() ?? path, bytes: await readFile(path) }];
}
