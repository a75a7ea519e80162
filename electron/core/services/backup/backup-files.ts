import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../../shared/errors/app-error';

/**
 * Top-level entries of the data folder that are never backed up or restored: the lock, the backups themselves, caches,
 * and exports (year hand-over folders are copies of originals the backup already holds, and would double its size).
 */
export const NOT_BACKED_UP = new Set(['xinfangdesk.lock', 'backups', 'cache', 'exports']);

/** Longest path (characters) and path segment (UTF-8 bytes) accepted inside a backup: what common file systems allow. */
export const MAX_PATH_CHARS = 1000;
export const MAX_SEGMENT_BYTES = 255;

// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;

/**
 * Checks a path taken from an archive before anything is written: relative, forward slashes, no `..`, no NUL or
 * control characters, no drive letters, no empty segments, segments of at most 255 bytes. Returns the segments.
 * A path that fails is an attack or damage (zip-slip), never something to "fix".
 */
export function safeRelativeSegments(path: string): string[] {
  const bad = (why: string) =>
    new AppError(
      'backup.unsafe_path',
      `备份文件中有不安全的路径“${path.slice(0, 80).replace(CONTROL_ALL, '?')}”（${why}），已拒绝恢复，数据文件夹未被改动。请使用本程序生成的备份文件。`,
    );
  if (path.length === 0) throw bad('路径为空');
  if (path.length > MAX_PATH_CHARS) throw bad('路径过长');
  if (new RegExp(CONTROL_ALL.source).test(path)) throw bad('含控制字符');
  if (path.includes('\\')) throw bad('含反斜杠');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) throw bad('是绝对路径');
  const segments = path.split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..') throw bad('含空段或上级目录');
    if (Buffer.byteLength(s, 'utf8') > MAX_SEGMENT_BYTES) throw bad('名称超过 255 字节');
  }
  return segments;
}

/** SHA-256 of a file, streamed so large originals never sit in memory. */
export function sha256File(path: string): Promise<{ sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    let size = 0;
    createReadStream(path)
      .on('data', (c) => {
        const b = c as Buffer;
        size += b.length;
        h.update(b);
      })
      .on('error', reject)
      .on('end', () => resolve({ sha256: h.digest('hex'), size }));
  });
}

/** Every regular file under `root` as a forward-slash relative path, sorted; `skip` filters top-down. */
export async function listFiles(
  root: string,
  skip: (rel: string, isDir: boolean) => boolean = () => false,
): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, prefix: string) => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return [];
      throw e;
    });
    for (const e of entries) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (skip(rel, e.isDirectory())) continue;
      if (e.isDirectory()) await walk(join(dir, e.name), rel);
      else if (e.isFile()) out.push(rel);
    }
  };
  await walk(root, '');
  return out.sort();
}

/** Temp files of atomic writes (`.name.xxxx.tmp`) and other dot files are work in progress, not data. */
export const isTempName = (rel: string): boolean => rel.split('/').some((s) => s.startsWith('.'));

/** Why a file-system call failed, in Chinese, and what the user can do about it (never the raw Node message). */
export function fsFailure(e: unknown): { readonly code: string; readonly why: string; readonly todo: string } {
  const code = (e as NodeJS.ErrnoException | null)?.code ?? '';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return { code, why: '磁盘空间已满', todo: '请腾出磁盘空间，或换一个空间足够的位置后重试' };
    case 'EACCES':
    case 'EPERM':
      return { code, why: '没有写入权限', todo: '请换一个有写入权限的文件夹，或请管理员开放该文件夹的权限后重试' };
    case 'EROFS':
      return { code, why: '磁盘是只读的', todo: '请换一个可写的磁盘或文件夹后重试' };
    case 'ENOTDIR':
    case 'EEXIST':
      return {
        code,
        why: '路径中有一个同名的文件挡住了文件夹',
        todo: '请把那个同名文件改名或移走，或换一个位置后重试',
      };
    case 'ENOENT':
      return { code, why: '文件夹不存在', todo: '请检查 U 盘或网络盘是否已连接后重试' };
    case 'EIO':
      return { code, why: '磁盘读写出错', todo: '请检查磁盘或 U 盘是否完好，换一个位置后重试' };
    default:
      return {
        code,
        why: `系统错误 ${code || String((e as Error)?.message ?? e).slice(0, 80)}`,
        todo: '请换一个位置后重试',
      };
  }
}
