import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, constants } from 'node:fs';
import { copyFile, mkdir, open, readdir, readFile, rename, rm, rmdir, stat, statfs } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { ArchiveExportProgress, YearExportResult } from '../../../shared/api/archive.dat22.contract';
import { AppError } from '../../../shared/errors/app-error';
import type { PieceRole } from '../../../shared/archive/jian';
import { STAMP_LAYOUT, type StampCells } from '../../../shared/archive/stamp';
import { writeFileAtomic } from '../store/atomic-file';
import { sha256File } from '../services/backup/backup-files';

/** One numbered 件 as it goes into the hand-over folder. */
export interface HandoverPiece {
  readonly archiveNumber: string;
  readonly retention: string;
  readonly pages: number;
  readonly title: string;
  readonly docNumber: string | null;
  readonly responsible: string;
  readonly date: string;
  readonly classification: string;
  readonly stamp: StampCells;
  readonly documents: readonly {
    readonly documentId: string;
    readonly role: PieceRole;
    readonly docNumber: string | null;
    readonly title: string;
    readonly pages: number;
    readonly originals: readonly { name: string; sha256: string; size: number; source: string }[];
  }[];
}

export const HANDOVER_FORMAT = 'xinfangdesk-handover';
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_TEXT = '移交清单.txt';
/** A zip above this is left in the folder beside the export instead of being sent through the API as base64. */
export const MAX_INLINE_ZIP = 100 * 1024 * 1024;

/** Characters Windows, macOS or Linux refuse in a file name, replaced so the folder opens everywhere. */
export const safeName = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/^\.+/, '_')
    .slice(0, 100);

interface FileEntry {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const stampOf = (d: Date) => d.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

/** Maps a file-system failure to a Chinese error that says what to do; the partial folder is already removed. */
export function handoverError(e: unknown, needMb: number): AppError {
  if (e instanceof AppError) return e;
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ENOSPC' || err.code === 'EDQUOT')
    return new AppError(
      'archive.disk_full',
      `磁盘空间不足，年度档案没有导出（未完成的文件夹已删除，档案数据未受影响）。导出约需 ${needMb} MB，请清理磁盘或换一个有足够空间的位置后重试。`,
      { cause: e },
    );
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS')
    return new AppError(
      'archive.export_failed',
      '没有权限写入所选位置，年度档案没有导出。请换一个可写的文件夹（如数据文件夹下的 exports）后重试。',
      { cause: e },
    );
  return new AppError(
    'archive.export_failed',
    `年度档案导出失败（${err.code ?? String(e)}），未完成的文件夹已删除，档案数据未受影响。请重试；如果反复出现，请先运行“检查数据”。`,
    { cause: e },
  );
}

/** Decides where the folder goes: an empty or new `outDir` itself, else a new dated folder inside it (or exports/). */
async function target(dataDir: string, outDir: string | undefined, name: string): Promise<string> {
  if (outDir !== undefined) {
    if (!isAbsolute(outDir))
      throw new AppError('validation.invalid_input', `“${outDir}”不是完整路径。请填写以盘符或 / 开头的文件夹路径。`);
    const info = await stat(outDir).catch(() => null);
    if (info && !info.isDirectory())
      throw new AppError('validation.invalid_input', `“${outDir}”是一个文件，不是文件夹。请另选一个文件夹。`);
    if (!info || (await readdir(outDir)).length === 0) return outDir;
  }
  const parent = outDir ?? join(dataDir, 'exports');
  for (let n = 1; ; n++) {
    const candidate = join(parent, n === 1 ? name : `${name}-${n}`);
    if (!(await stat(candidate).catch(() => null))) return candidate;
  }
}

async function freeBytes(dir: string): Promise<number | null> {
  try {
    const s = await statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}

/**
 * Writes a year's hand-over folder: one folder per 件 named by its 档号 holding the originals in DA/T 22 order
 * (`01-正文-…`, `02-附件-…`), the 归档文件目录, `manifest.json` (every file with size and SHA-256) and
 * 移交清单.txt for people. Everything goes into a `.part` folder first, is read back and compared with the
 * manifest, and only then renamed into place, so a full disk or a crash never leaves a package that looks complete.
 */
export async function writeHandover(options: {
  dataDir: string;
  year: number;
  outDir?: string;
  zip: boolean;
  pieces: readonly HandoverPiece[];
  catalogue: { name: string; bytes: Uint8Array };
  now: () => Date;
  onProgress?: (p: ArchiveExportProgress) => void;
}): Promise<YearExportResult> {
  const { pieces, year } = options;
  const exportedAt = options.now();
  const final = await target(options.dataDir, options.outDir, `归档移交-${year}-${stampOf(exportedAt)}`);
  const parent = dirname(final);
  const staging = join(parent, `.${basename(final)}.${randomBytes(4).toString('hex')}.part`);
  const originalsBytes = pieces.reduce(
    (n, p) => n + p.documents.reduce((m, d) => m + d.originals.reduce((k, o) => k + o.size, 0), 0),
    0,
  );
  const need = (originalsBytes + options.catalogue.bytes.length) * (options.zip ? 2 : 1) + 4 * 1024 * 1024;
  const needMb = Math.ceil(need / 1048576);
  const progress = (stage: ArchiveExportProgress['stage'], done: number, total: number) =>
    options.onProgress?.({ stage, done, total });
  let written = false;
  try {
    await mkdir(parent, { recursive: true });
    const free = await freeBytes(parent);
    if (free !== null && free < need) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    await mkdir(staging);
    const files: FileEntry[] = [];
    const total = pieces.reduce((n, p) => n + p.documents.reduce((m, d) => m + d.originals.length, 0), 0);
    let done = 0;
    progress('copy', 0, total);
    const manifestPieces = [];
    for (const p of pieces) {
      const folder = safeName(p.archiveNumber);
      await mkdir(join(staging, folder));
      let n = 0;
      const docs = [];
      for (const d of p.documents) {
        const written = [];
        for (const o of d.originals) {
          const name = `${String(++n).padStart(2, '0')}-${d.role}-${safeName(o.name)}`;
          // Byte for byte from the content-addressed store; its name is its SHA-256.
          await copyFile(o.source, join(staging, folder, name), constants.COPYFILE_EXCL);
          const entry = { path: `${folder}/${name}`, size: o.size, sha256: o.sha256 };
          files.push(entry);
          written.push(entry);
          progress('copy', ++done, total);
        }
        docs.push({
          documentId: d.documentId,
          role: d.role,
          docNumber: d.docNumber,
          title: d.title,
          pages: d.pages,
          files: written,
        });
      }
      manifestPieces.push({
        archiveNumber: p.archiveNumber,
        retention: p.retention,
        pages: p.pages,
        title: p.title,
        docNumber: p.docNumber,
        responsible: p.responsible,
        date: p.date,
        classification: p.classification,
        stamp: p.stamp,
        documents: docs,
      });
    }
    const add = async (name: string, bytes: Uint8Array) => {
      await writeFileAtomic(join(staging, name), bytes);
      files.push({ path: name, size: bytes.length, sha256: sha256(bytes) });
    };
    await add(options.catalogue.name, options.catalogue.bytes);
    await add(MANIFEST_TEXT, Buffer.from(manifestText(year, exportedAt, manifestPieces, files), 'utf8'));
    const manifest = {
      format: HANDOVER_FORMAT,
      version: 1,
      year,
      exportedAt: exportedAt.toISOString(),
      pieces: manifestPieces,
      files,
    };
    await writeFileAtomic(join(staging, MANIFEST_JSON), JSON.stringify(manifest, null, 1));
    // Read every file back: a copy cut short or damaged on the way is caught before anyone takes the folder.
    progress('verify', 0, files.length);
    for (const [i, f] of files.entries()) {
      const got = await sha256File(join(staging, ...f.path.split('/')));
      if (got.sha256 !== f.sha256 || got.size !== f.size)
        throw new AppError(
          'archive.export_failed',
          `导出后校验发现“${f.path}”与原件不一致，年度档案没有导出（未完成的文件夹已删除）。请先运行“检查数据”核对原件，再重试。`,
        );
      progress('verify', i + 1, files.length);
    }
    if (await stat(final).catch(() => null)) await rmdir(final); // the empty folder the user chose
    await rename(staging, final);
    written = true;
    const all = [...files, { path: MANIFEST_JSON, size: 0, sha256: '' }];
    const zip = options.zip
      ? await zipFolder(
          final,
          all.map((f) => f.path),
          (d, t) => progress('zip', d, t),
        )
      : null;
    return {
      path: final,
      pieces: pieces.length,
      documents: pieces.reduce((n, p) => n + p.documents.length, 0),
      files: all.length,
      bytes: files.reduce((n, f) => n + f.size, 0),
      verified: true,
      zip: zip && zip.bytes <= MAX_INLINE_ZIP ? await inlineZip(zip.path) : null,
      zipPath: zip?.path ?? null,
    };
  } catch (e) {
    if (written) {
      // The folder is complete and verified; only the .zip for the browser failed.
      const why = handoverError(e, needMb).message.split('，')[0];
      throw new AppError(
        'archive.export_failed',
        `年度档案已导出并校验：${final}；但打包 .zip 失败（${why}）。请直接从该文件夹拷贝，或腾出空间后重新导出。`,
        { cause: e },
      );
    }
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    throw handoverError(e, needMb);
  }
}

/** 移交清单.txt: what the archive room checks by eye, with the SHA-256 of every file (CRLF for Notepad). */
function manifestText(
  year: number,
  at: Date,
  pieces: readonly {
    archiveNumber: string;
    retention: string;
    pages: number;
    title: string;
    stamp: StampCells;
    documents: readonly { role: string; title: string; files: readonly FileEntry[] }[];
  }[],
  files: readonly FileEntry[],
): string {
  const lines = [
    `${year} 年度归档文件移交清单`,
    `导出时间：${at.toISOString()}，共 ${pieces.length} 件，${pieces.reduce((n, p) => n + p.pages, 0)} 页`,
    '校验方法：每个文件的 SHA-256 应与下列数值一致（manifest.json 中有相同内容，可由程序核对）。',
    '',
  ];
  for (const p of pieces) {
    lines.push(`【${p.archiveNumber}】${p.title}`);
    lines.push(
      `  归档章：${STAMP_LAYOUT.flat()
        .map((c) => `${c} ${p.stamp[c] || '—'}`)
        .join('；')}`,
    );
    for (const d of p.documents) {
      lines.push(`  ${d.role}：${d.title}`);
      for (const f of d.files) lines.push(`    ${f.path}  ${f.size} 字节  SHA-256 ${f.sha256}`);
    }
    lines.push('');
  }
  lines.push('其他文件：');
  for (const f of files.filter((x) => !x.path.includes('/')))
    lines.push(`  ${f.path}  ${f.size} 字节  SHA-256 ${f.sha256}`);
  return '\ufeff' + lines.join('\r\n') + '\r\n';
}

/** Packs the written folder into `<folder>.zip` (manifest first), through a `.part` file renamed when complete. */
async function zipFolder(
  folder: string,
  paths: readonly string[],
  onProgress: (done: number, total: number) => void,
): Promise<{ path: string; bytes: number }> {
  const out = `${folder}.zip`;
  const part = `${out}.${randomBytes(4).toString('hex')}.part`;
  const zip = new yazl.ZipFile();
  const root = basename(folder);
  const ordered = [MANIFEST_JSON, ...paths.filter((p) => p !== MANIFEST_JSON)];
  let done = 0;
  for (const p of ordered)
    zip.addReadStream(
      createReadStream(join(folder, ...p.split('/'))).once('end', () => onProgress(++done, ordered.length)),
      `${root}/${p}`,
      // Scans are compressed already; only the text files gain from deflate.
      { compress: /\.(json|txt)$/.test(p) },
    );
  zip.end();
  try {
    await pipeline(zip.outputStream as Readable, createWriteStream(part, { flags: 'wx' }));
    const fh = await open(part, 'r+');
    await fh.sync();
    await fh.close();
    await rename(part, out);
  } catch (e) {
    await rm(part, { force: true });
    throw e;
  }
  return { path: out, bytes: (await stat(out)).size };
}

async function inlineZip(path: string) {
  const bytes = await readFile(path);
  return { name: basename(path), mime: 'application/zip', dataBase64: bytes.toString('base64'), rows: 0 };
}
