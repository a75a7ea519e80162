import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Shell } from 'electron';
import { AppError } from '../../shared/errors/app-error';

/**
 * The path to open if it is an existing file inside the data folder (symbolic links resolved first),
 * else an error: the renderer can never make the shell open an arbitrary file, program or URL.
 */
export async function fileInsideDataFolder(path: string, dataDir: string): Promise<string> {
  const refuse = () =>
    new AppError('file.not_found', '只能打开数据文件夹里由本程序保存或生成的文件。请在程序中重新选择文件。');
  if (!isAbsolute(path) || path.includes('\u0000')) throw refuse();
  const real = await realpath(resolve(path)).catch(() => null);
  const root = await realpath(dataDir).catch(() => resolve(dataDir));
  if (!real) throw refuse();
  const rel = relative(root, real);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw refuse();
  if (!(await stat(real)).isFile()) throw refuse();
  return real;
}

/** `shell.openPath`, only for files inside the data folder (generated .docx, originals). */
export async function openDataFile(shell: Pick<Shell, 'openPath'>, dataDir: string, path: string): Promise<void> {
  const real = await fileInsideDataFolder(path, dataDir);
  const failed = await shell.openPath(real);
  if (failed)
    throw new AppError('file.not_found', `无法打开“${real}”：${failed}。请确认电脑上装有能打开这种文件的程序。`);
}
