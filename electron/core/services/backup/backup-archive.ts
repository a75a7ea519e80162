import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, open, readdir, rename, rm, rmdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { z } from 'zod';
import { AppError } from '../../../../shared/errors/app-error';
import { NOT_BACKED_UP, fsFailure, isTempName, listFiles, safeRelativeSegments, sha256File } from './backup-files';

export const MANIFEST_NAME = 'manifest.json';
export const BACKUP_FORMAT = 'xinfangdesk-backup';
/** Refuse archives that claim more than this in total: far above any office's archive, far below a zip bomb. */
export const MAX_RESTORE_BYTES = 200 * 1024 * 1024 * 1024;
export const MAX_ENTRIES = 5_000_000;
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  createdAt: z.string(),
  app: z.string(),
  files: z
    .array(
      z.object({
        path: z.string().min(1).max(1000),
        size: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(MAX_ENTRIES),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

export interface BackupResult {
  readonly path: string;
  readonly files: number;
  readonly bytes: number;
  readonly createdAt: string;
}

export interface RestoreResult {
  readonly files: number;
  readonly bytes: number;
  readonly createdAt: string;
  /** Where the data folder's previous contents were moved (relative to the data folder), so nothing is lost. */
  readonly previousKeptIn: string;
}

const invalid = (file: string, why: string, cause?: unknown) =>
  new AppError(
    'backup.invalid_archive',
    `“${basename(file)}”不是有效的信访文书台备份（${why}），没有恢复，数据文件夹未被改动。请选择由“备份”功能生成的 .zip 文件。`,
    { cause },
  );

/**
 * Writes the whole data folder (except the lock, caches and the backups themselves) to a zip: `manifest.json` first,
 * with the size and SHA-256 of every file. Written to `<out>.part`, fsync'd and renamed, so a crash never leaves
 * a half-written backup under the final name. The caller holds the folder's lock, so no write happens meanwhile.
 */
export async function createBackupArchive(options: {
  dataDir: string;
  outFile: string;
  now?: () => Date;
  appVersion?: string;
  /** Files hashed, then files written: done/total grows from 0 to 2 × the number of files. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The app is running and may write meanwhile (the desktop app's 备份 button): files that change in place are
   * copied aside first and zipped from the copies; write-once files (originals, texts, previews) are listed after
   * that copy, so everything the copied records refer to is in the backup.
   */
  live?: boolean;
}): Promise<BackupResult> {
  const { dataDir } = options;
  const createdAt = (options.now ?? (() => new Date()))().toISOString();
  const skip = (rel: string) => isTempName(rel) || NOT_BACKED_UP.has(rel.split('/')[0]!);
  let staging: string | null = null;
  const sourceOf = new Map<string, string>();
  let paths: string[];
  if (options.live) {
    staging = join(dataDir, 'backups', `.staging-${randomBytes(6).toString('hex')}`);
    try {
      const mutable = await listFiles(dataDir, (rel) => skip(rel) || WRITE_ONCE.has(rel.split('/')[0]!));
      for (const rel of mutable) {
        const to = join(staging, ...rel.split('/'));
        await mkdir(dirname(to), { recursive: true });
        // A file removed meanwhile (a temp file renamed over another) is simply not in this backup; any other
        // failure (a full disk) fails the backup rather than leave a file out.
        try {
          await copyFile(join(dataDir, rel), to);
          sourceOf.set(rel, to);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        }
      }
    } catch (e) {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      const f = fsFailure(e);
      throw new AppError(
        'store.write_failed',
        `备份失败：复制记录文件时出错（${f.why}），没有生成备份，数据文件夹未被改动。${f.todo}。`,
        { cause: e },
      );
    }
    const writeOnce = await listFiles(dataDir, (rel) => skip(rel) || !WRITE_ONCE.has(rel.split('/')[0]!));
    paths = [...sourceOf.keys(), ...writeOnce].sort();
  } else paths = await listFiles(dataDir, skip);
  try {
    return await writeArchive({ ...options, createdAt, paths, sourceOf });
  } finally {
    if (staging) await rm(staging, { recursive: true, force: true });
  }
}

/** Top-level folders whose files are written once and never changed (originals, OCR texts, page previews). */
const WRITE_ONCE = new Set(['files', 'texts', 'previews']);

async function writeArchive(options: {
  dataDir: string;
  outFile: string;
  createdAt: string;
  appVersion?: string;
  paths: readonly string[];
  sourceOf: ReadonlyMap<string, string>;
  onProgress?: (done: number, total: number) => void;
}): Promise<BackupResult> {
  const { dataDir, outFile, createdAt, paths } = options;
  const src = (rel: string) => options.sourceOf.get(rel) ?? join(dataDir, rel);
  const files: BackupManifest['files'] = [];
  const total = paths.length * 2;
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  options.onProgress?.(0, total);
  for (const path of paths) {
    try {
      files.push({ path, ...(await sha256File(src(path))) });
    } catch (e) {
      const f = fsFailure(e);
      throw new AppError(
        'store.write_failed',
        `备份失败：读取“${path.slice(0, 80)}”时出错（${f.why === '没有写入权限' ? '没有读取权限' : f.why}），没有生成备份，数据文件夹未被改动。请检查数据文件夹的权限后重试。`,
        { cause: e },
      );
    }
    tick();
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt,
    app: options.appVersion ?? '信访文书台',
    files,
  };
  try {
    await mkdir(dirname(outFile), { recursive: true });
  } catch (e) {
    const f = fsFailure(e);
    throw new AppError(
      'backup.folder_invalid',
      `无法创建备份文件夹“${dirname(outFile)}”（${f.why}），没有生成备份，数据文件夹未被改动。${f.todo}。`,
      { cause: e },
    );
  }
  const part = `${outFile}.${randomBytes(4).toString('hex')}.part`;
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 1)), MANIFEST_NAME);
  const sources: Readable[] = [];
  // Originals and previews are already compressed; deflating them again only costs time.
  for (const f of files) {
    const source = createReadStream(src(f.path)).once('end', tick);
    sources.push(source);
    zip.addReadStream(source, f.path, {
      compress: f.path.endsWith('.json') || f.path.endsWith('.jsonl') || f.path.endsWith('.txt'),
      size: f.size,
    });
  }
  zip.end();
  try {
    await pipeline(zip.outputStream as Readable, createWriteStream(part, { flags: 'wx' }));
    const fh = await open(part, 'r+');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(part, outFile);
  } catch (e) {
    // Nothing half-written stays behind: not under the final name, not as a .part filling the disk further.
    for (const s of sources) s.destroy();
    await rm(part, { force: true }).catch(() => undefined);
    const f = fsFailure(e);
    throw new AppError(
      'store.write_failed',
      `备份文件“${basename(outFile)}”写入失败（${f.why}），没有生成备份，数据文件夹未被改动。${f.todo}。`,
      { cause: e },
    );
  }
  return { path: outFile, files: files.length, bytes: files.reduce((n, f) => n + f.size, 0), createdAt };
}

const openZip = (file: string): Promise<yauzl.ZipFile> =>
  new Promise((resolve, reject) =>
    // decodeStrings makes yauzl refuse absolute and `..` names too; validateEntrySizes catches lying headers.
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: true },
      (err, zf) => (err || !zf ? reject(err) : resolve(zf)),
    ),
  );

const openEntry = (zf: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> =>
  new Promise((resolve, reject) => zf.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))));

/** Streams one entry, refusing to produce more than `limit` bytes whatever its header says (zip bombs). */
async function readEntry(zf: yauzl.ZipFile, entry: yauzl.Entry, limit: number, sink?: NodeJS.WritableStream) {
  const stream = await openEntry(zf, entry);
  const h = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        stream.destroy(
          new AppError('backup.too_large', `备份中的“${entry.fileName}”解压后超过声明的大小，已拒绝恢复。`),
        );
        return;
      }
      h.update(c);
      if (sink) {
        if (!sink.write(c)) {
          stream.pause();
          sink.once('drain', () => stream.resume());
        }
      } else chunks.push(c);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve());
    // A sink that fails (full disk) never drains: stop reading instead of waiting for it forever.
    sink?.once('error', (e) => {
      stream.destroy();
      reject(e);
    });
  });
  return { sha256: h.digest('hex'), size, bytes: sink ? null : Buffer.concat(chunks) };
}

/** Walks the archive's entries in order; `visit` runs for each before the next is read. */
async function eachEntry(zf: yauzl.ZipFile, visit: (e: yauzl.Entry) => Promise<void>): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    zf.on('entry', (e: yauzl.Entry) => {
      visit(e).then(
        () => zf.readEntry(),
        (err: unknown) => {
          zf.close();
          reject(err);
        },
      );
    });
    zf.on('end', () => resolve());
    zf.on('error', reject);
    zf.readEntry();
  });
}

/** Errors of the disk we unpack onto, as opposed to a damaged archive. */
const LOCAL_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EIO', 'EMFILE', 'ENFILE']);

const unpackFailed = (e: unknown) => {
  const f = fsFailure(e);
  return new AppError(
    'backup.restore_failed',
    `解压备份以便校验时出错（${f.why}），没有恢复，数据文件夹未被改动。${f.todo}。`,
    { cause: e },
  );
};

/**
 * Unpacks a backup into a fresh folder `into` (must not exist), checking every path (zip-slip), every size
 * (zip bombs) and every SHA-256 against the manifest, and that no file is missing or extra. Nothing outside
 * `into` is ever written; on any failure `into` is removed.
 */
export async function unpackBackupArchive(
  file: string,
  into: string,
  onProgress?: (done: number, total: number) => void,
): Promise<BackupManifest> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new AppError('backup.not_found', `找不到备份文件“${file}”。请检查路径是否正确。`);
  let zf: yauzl.ZipFile;
  try {
    zf = await openZip(file);
  } catch (e) {
    throw invalid(file, '无法作为 zip 读取', e);
  }
  if (zf.entryCount > MAX_ENTRIES + 1) throw invalid(file, '文件数量异常');
  try {
    await mkdir(into, { recursive: false });
  } catch (e) {
    zf.close();
    throw unpackFailed(e);
  }
  let manifest: BackupManifest | null = null;
  let expected = new Map<string, BackupManifest['files'][number]>();
  const seen = new Set<string>();
  let total = 0;
  try {
    await eachEntry(zf, async (entry) => {
      const name = entry.fileName;
      if (name.endsWith('/')) {
        safeRelativeSegments(name.slice(0, -1));
        return; // folders are created as files need them
      }
      if (!manifest) {
        if (name !== MANIFEST_NAME) throw invalid(file, `第一个条目应为 ${MANIFEST_NAME}`);
        const { bytes } = await readEntry(zf, entry, MAX_MANIFEST_BYTES);
        const parsed = manifestSchema.safeParse(JSON.parse(bytes!.toString('utf8')));
        if (!parsed.success) throw invalid(file, '清单格式不正确');
        manifest = parsed.data;
        const declared = manifest.files.reduce((n, f) => n + f.size, 0);
        if (declared > MAX_RESTORE_BYTES)
          throw new AppError(
            'backup.too_large',
            `备份声明的总大小（${(declared / 1e9).toFixed(1)} GB）超出上限，已拒绝恢复。`,
          );
        for (const f of manifest.files) {
          const top = safeRelativeSegments(f.path)[0]!;
          if (NOT_BACKED_UP.has(top) || isTempName(f.path)) throw invalid(file, `清单中含不应恢复的路径 ${f.path}`);
        }
        expected = new Map(manifest.files.map((f) => [f.path, f]));
        onProgress?.(0, expected.size);
        return;
      }
      const segments = safeRelativeSegments(name);
      const want = expected.get(name);
      if (!want) throw invalid(file, `“${name.slice(0, 80)}”不在清单中`);
      if (seen.has(name)) throw invalid(file, `“${name.slice(0, 80)}”重复出现`);
      seen.add(name);
      if (entry.uncompressedSize !== want.size) throw invalid(file, `“${name.slice(0, 80)}”的大小与清单不符`);
      const target = join(into, ...segments);
      await mkdir(dirname(target), { recursive: true });
      const out = createWriteStream(target, { flags: 'wx' });
      const done = new Promise<void>((resolve, reject) => {
        out.on('finish', () => resolve());
        out.on('error', reject);
      });
      done.catch(() => undefined); // its error is also readEntry's, reported from there
      const got = await readEntry(zf, entry, want.size, out);
      out.end();
      await done;
      total += got.size;
      onProgress?.(seen.size, expected.size);
      if (got.size !== want.size || got.sha256 !== want.sha256) {
        throw new AppError(
          'backup.hash_mismatch',
          `备份中的“${name.slice(0, 80)}”校验失败（SHA-256 与清单不符，备份文件可能已损坏），没有恢复，数据文件夹未被改动。请换一份备份。`,
        );
      }
    });
    if (!manifest) throw invalid(file, '缺少清单');
    const missing = [...expected.keys()].filter((p) => !seen.has(p));
    if (missing.length) throw invalid(file, `缺少 ${missing.length} 个文件，例如 ${missing[0]!.slice(0, 80)}`);
  } catch (e) {
    zf.close();
    await rm(into, { recursive: true, force: true });
    if (e instanceof AppError) throw e;
    // Our own disk failing (full, read-only, no permission) is not the backup's fault: say so.
    if (LOCAL_FAILURES.has((e as NodeJS.ErrnoException)?.code ?? '')) throw unpackFailed(e);
    const msg = String((e as Error)?.message ?? e);
    if (/invalid relative path|absolute path|backslash/i.test(msg)) {
      throw new AppError(
        'backup.unsafe_path',
        `备份文件中有指向数据文件夹之外的路径，已拒绝恢复，数据文件夹未被改动。请使用本程序生成的备份文件。`,
        { cause: e },
      );
    }
    throw invalid(file, '内容已损坏', e);
  }
  zf.close();
  void total;
  return manifest as BackupManifest;
}

/**
 * Replaces the data folder's contents with a verified backup. The backup is unpacked and checked in full first;
 * only then are the current contents moved to `backups/before-restore-<time>/` (kept, never deleted) and the
 * unpacked files moved in. The caller holds the folder's lock.
 */
export async function restoreBackupArchive(options: {
  dataDir: string;
  archive: string;
  now?: () => Date;
}): Promise<RestoreResult> {
  const { dataDir, archive } = options;
  const at = (options.now ?? (() => new Date()))();
  const staging = join(dataDir, `.restore-${randomBytes(6).toString('hex')}`);
  const manifest = await unpackBackupArchive(archive, staging);
  const keptRel = `backups/before-restore-${at.toISOString().replace(/[:.]/g, '-')}`;
  const kept = join(dataDir, ...keptRel.split('/'));
  const movedOut: string[] = [];
  const movedIn: string[] = [];
  try {
    await mkdir(kept, { recursive: true });
    for (const name of await readdir(dataDir)) {
      if (NOT_BACKED_UP.has(name) || name.startsWith('.')) continue;
      await rename(join(dataDir, name), join(kept, name));
      movedOut.push(name);
    }
    for (const name of await readdir(staging)) {
      await rename(join(staging, name), join(dataDir, name));
      movedIn.push(name);
    }
  } catch (e) {
    // A half swap is the one outcome that must never stay: put every moved entry back where it was.
    for (const name of movedIn.reverse()) await rename(join(dataDir, name), join(staging, name)).catch(() => undefined);
    for (const name of movedOut.reverse()) await rename(join(kept, name), join(dataDir, name)).catch(() => undefined);
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    // Only an empty folder is removed: anything that could not be moved back stays kept, never deleted.
    await rmdir(kept).catch(() => undefined);
    const f = fsFailure(e);
    throw new AppError(
      'backup.restore_failed',
      `换入备份时出错（${f.why}），已撤回，数据文件夹保持原样。请关闭正在使用数据文件夹中文件的程序，${f.todo}。`,
      { cause: e },
    );
  }
  await rm(staging, { recursive: true, force: true });
  return {
    files: manifest.files.length,
    bytes: manifest.files.reduce((n, f) => n + f.size, 0),
    createdAt: manifest.createdAt,
    previousKeptIn: keptRel,
  };
}
