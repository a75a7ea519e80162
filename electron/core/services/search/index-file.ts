import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, read as readCb, readSync, fstatSync } from 'node:fs';
import { open, rename, unlink, mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';
import { basename, dirname, join } from 'node:path';
import { NORMALIZE_VERSION } from '../../../../shared/search/normalize';
import type { BaseFile, IndexSnapshot, LoadedIndex } from './search-index';

/**
 * The persisted index: sections, then a JSON trailer (format version, normalisation version, section sizes,
 * CRC-32s), then the trailer's length and a magic. The small sections (ids, heads, 文号, the postings
 * directory) are read and checked at start-up; the texts and the posting bytes, nine tenths of the file, stay
 * on disk and are read by offset when a query needs them, and their CRC is checked in the background after
 * start-up (`verify`). Anything that does not check out is reported as a reason and the caller rebuilds from
 * the records, which stay the source of truth.
 */
export const INDEX_FORMAT = 2;
const MAGIC = 'XFDIDX02';
/** Texts are written and checked in slices of about this many bytes so a 300 MB section never sits in memory. */
const CHUNK = 8 * 1024 * 1024;

const SMALL = [
  'meta',
  'headOffs',
  'heads',
  'textOffs',
  'numbers',
  'refOffs',
  'refs',
  'keys',
  'offs',
  'counts',
  'lasts',
] as const;
const SECTIONS = [...SMALL, 'texts', 'blob'] as const;
type SectionName = (typeof SECTIONS)[number];

interface Trailer {
  readonly format: number;
  readonly normalize: number;
  readonly littleEndian: boolean;
  readonly baseId: string;
  readonly docs: number;
  readonly keys: number;
  /** CRC-32 of the small sections, of the texts and of the posting bytes. */
  readonly crc: { readonly small: number; readonly texts: number; readonly blob: number };
  /** Byte length of each section, in file order. */
  readonly sections: Record<SectionName, number>;
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export type LoadOutcome =
  | {
      readonly ok: true;
      readonly loaded: LoadedIndex;
      readonly baseId: string;
      readonly bytes: number;
      /**
       * Checks the sections not read at start-up; resolves with a reason (Chinese) when they are damaged. The
       * texts pass through `onTexts` on the way (documents `from`..`to`-1 of the file, in `chunk` from
       * character `firstChar`), so start-up can keep them in memory without a second read.
       */
      readonly verify: (
        onTexts?: (from: number, to: number, chunk: Buffer, firstChar: number) => void,
        /** Polled between slices: true ends the check early with null (nothing found). */
        stopped?: () => boolean,
      ) => Promise<string | null>;
    }
  | { readonly ok: false; readonly reason: string };

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Writes the snapshot to `path`: temp file, fsync, rename. Streamed section by section because at 100k
 * documents the index is hundreds of megabytes. Returns the file size and the texts' offsets in it.
 */
export async function writeIndexFile(
  path: string,
  s: IndexSnapshot,
  baseId: string,
): Promise<{ bytes: number; textOffs: Uint32Array }> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx');
  const crc = { small: 0, texts: 0, blob: 0 };
  let part: keyof typeof crc = 'small';
  let total = 0;
  const sizes = {} as Record<SectionName, number>;
  const n = s.ids.length;
  const textOffs = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) textOffs[i + 1] = textOffs[i]! + s.textLength(i);
  const headOffs = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) headOffs[i + 1] = headOffs[i]! + s.heads[i]!.length;
  const put = async (bytes: Uint8Array) => {
    // zlib.crc32 returns 0 for some empty views instead of the running value.
    if (bytes.length > 0) crc[part] = crc32(bytes, crc[part]);
    await fh.write(bytes);
    total += bytes.length;
  };
  const putStrings = async (count: number, at: (i: number) => string) => {
    let batch: string[] = [];
    let len = 0;
    const flush = async () => {
      await put(Buffer.from(batch.join(''), 'utf16le'));
      batch = [];
      len = 0;
    };
    for (let i = 0; i < count; i++) {
      const str = at(i);
      batch.push(str);
      len += str.length * 2;
      if (len >= CHUNK) await flush();
    }
    if (batch.length) await flush();
  };
  try {
    const sections: Record<SectionName, () => Promise<void>> = {
      meta: () => put(Buffer.from(JSON.stringify({ ids: s.ids, stamps: s.stamps, codes: s.numbers.codes }), 'utf8')),
      headOffs: () => put(bytesOf(headOffs)),
      heads: () => putStrings(n, (i) => s.heads[i]!),
      textOffs: () => put(bytesOf(textOffs)),
      numbers: () => put(bytesOf(s.numbers.own)),
      refOffs: () => put(bytesOf(s.numbers.refOffs)),
      refs: () => put(bytesOf(s.numbers.refs)),
      keys: () => put(bytesOf(s.postings.keys)),
      offs: () => put(bytesOf(s.postings.offs)),
      counts: () => put(bytesOf(s.postings.counts)),
      lasts: () => put(bytesOf(s.postings.lasts)),
      texts: () => {
        part = 'texts';
        return putStrings(n, (i) => {
          const t = s.text(i);
          if (t.length !== s.textLength(i)) throw new Error('text length changed while saving');
          return t;
        });
      },
      blob: () => {
        part = 'blob';
        return put(s.postings.blob);
      },
    };
    for (const name of SECTIONS) {
      const before = total;
      await sections[name]();
      sizes[name] = total - before;
    }
    const trailer: Trailer = {
      format: INDEX_FORMAT,
      normalize: NORMALIZE_VERSION,
      littleEndian,
      baseId,
      docs: n,
      keys: s.postings.keys.length,
      crc,
      sections: sizes,
    };
    const t = Buffer.from(JSON.stringify(trailer), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(t.length);
    await fh.write(Buffer.concat([t, len, Buffer.from(MAGIC, 'latin1')]));
    total += t.length + 4 + MAGIC.length;
    await fh.sync();
    await fh.close();
    await rename(tmp, path);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  return { bytes: total, textOffs };
}

const readAsync = promisify(readCb);

function readFully(fd: number, buf: Uint8Array, len: number, pos: number): void {
  let done = 0;
  while (done < len) {
    const got = readSync(fd, buf, done, len - done, pos + done);
    if (got === 0) throw new Error('索引文件比目录所记的短（文件被截断）');
    done += got;
  }
}

/** The texts and posting bytes of an opened index file, read by offset with two reusable buffers. */
function baseFileOf(fd: number, textsAt: number, textsBytes: number, blobAt: number, blobBytes: number) {
  let textBuf = Buffer.allocUnsafeSlow(1 << 16);
  let blobBuf = Buffer.allocUnsafeSlow(1 << 16);
  let closed = false;
  const file: BaseFile & { readonly closed: () => boolean } = {
    readBlob(start, end) {
      const n = end - start;
      if (start < 0 || end > blobBytes || n < 0) throw new Error('posting offsets outside the file');
      if (blobBuf.length < n) blobBuf = Buffer.allocUnsafeSlow(Math.max(n, blobBuf.length * 2));
      readFully(fd, blobBuf, n, blobAt + start);
      return blobBuf.subarray(0, n);
    },
    readText(start, end) {
      const n = (end - start) * 2;
      if (start < 0 || end * 2 > textsBytes || n < 0) throw new Error('text offsets outside the file');
      if (textBuf.length < n) textBuf = Buffer.allocUnsafeSlow(Math.max(n, textBuf.length * 2));
      readFully(fd, textBuf, n, textsAt + start * 2);
      return textBuf.subarray(0, n);
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
    closed: () => closed,
  };
  return file;
}

/**
 * Opens an index file: checks the trailer, reads and checks the small sections, and keeps the file open for
 * the texts and posting bytes. Any mismatch comes back as a reason (Chinese) instead of an exception.
 */
export async function readIndexFile(path: string): Promise<LoadOutcome> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return {
      ok: false,
      reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? '索引文件不存在' : `索引文件无法打开：${String(e)}`,
    };
  }
  let keepOpen = false;
  try {
    const size = fstatSync(fd).size;
    if (size < 12) return { ok: false, reason: '索引文件不完整' };
    const tail = Buffer.alloc(12);
    readFully(fd, tail, 12, size - 12);
    if (tail.toString('latin1', 4) !== MAGIC) {
      return tail.toString('latin1', 4, 10) === 'XFDIDX'
        ? { ok: false, reason: '索引文件是旧格式' }
        : { ok: false, reason: '索引文件标记不对（文件已损坏或不是索引）' };
    }
    const tlen = tail.readUInt32LE(0);
    if (tlen > size - 12) return { ok: false, reason: '索引文件不完整' };
    const tbuf = Buffer.alloc(tlen);
    readFully(fd, tbuf, tlen, size - 12 - tlen);
    let t: Trailer;
    try {
      t = JSON.parse(tbuf.toString('utf8')) as Trailer;
    } catch {
      return { ok: false, reason: '索引文件的目录已损坏' };
    }
    if (t.format !== INDEX_FORMAT)
      return { ok: false, reason: `索引格式版本 ${t.format} 与本程序（${INDEX_FORMAT}）不同` };
    if (t.normalize !== NORMALIZE_VERSION) return { ok: false, reason: '文字规范化规则已更新' };
    if (t.littleEndian !== littleEndian) return { ok: false, reason: '索引来自字节序不同的计算机' };
    const bodyBytes = SECTIONS.reduce((n, s) => n + (t.sections?.[s] ?? NaN), 0);
    if (!(bodyBytes === size - 12 - tlen)) return { ok: false, reason: '索引文件长度与目录不符（文件不完整）' };

    let pos = 0;
    let crc = 0;
    const read = (len: number): Buffer => {
      const b = Buffer.allocUnsafeSlow(len);
      if (len > 0) {
        readFully(fd, b, len, pos);
        crc = crc32(b, crc);
      }
      pos += len;
      return b;
    };
    const u32 = (b: Buffer) => new Uint32Array(b.buffer, b.byteOffset, b.length / 4);
    const i32 = (b: Buffer) => new Int32Array(b.buffer, b.byteOffset, b.length / 4);
    try {
      for (const s of SMALL) if (s !== 'meta' && s !== 'heads' && t.sections[s] % 4 !== 0) throw new Error(s);
      const metaBuf = read(t.sections.meta);
      const headOffs = u32(read(t.sections.headOffs));
      const headBuf = read(t.sections.heads);
      const textOffs = u32(read(t.sections.textOffs));
      const own = i32(read(t.sections.numbers));
      const refOffs = u32(read(t.sections.refOffs));
      const refs = i32(read(t.sections.refs));
      const keys = i32(read(t.sections.keys));
      const offs = u32(read(t.sections.offs));
      const counts = u32(read(t.sections.counts));
      const lasts = i32(read(t.sections.lasts));
      if (crc !== t.crc.small) return { ok: false, reason: '索引文件校验和不符（文件已损坏）' };
      const meta = JSON.parse(metaBuf.toString('utf8')) as { ids: string[]; stamps: string[]; codes: string[] };
      const n = t.docs;
      if (
        meta.ids.length !== n ||
        meta.stamps.length !== n ||
        headOffs.length !== n + 1 ||
        headOffs[n]! * 2 !== headBuf.length ||
        textOffs.length !== n + 1 ||
        textOffs[n]! * 2 !== t.sections.texts ||
        own.length !== n * 3 ||
        refOffs.length !== n + 1 ||
        refOffs[n] !== refs.length ||
        keys.length !== t.keys ||
        offs.length !== t.keys + 1 ||
        counts.length !== t.keys ||
        lasts.length !== t.keys ||
        offs[t.keys] !== t.sections.blob
      ) {
        return { ok: false, reason: '索引文件内部数量不一致' };
      }
      const heads = new Array<string>(n);
      for (let i = 0; i < n; i++) heads[i] = headBuf.toString('utf16le', headOffs[i]! * 2, headOffs[i + 1]! * 2);
      const textsAt = pos;
      const blobAt = textsAt + t.sections.texts;
      const file = baseFileOf(fd, textsAt, t.sections.texts, blobAt, t.sections.blob);
      keepOpen = true;
      const { ino, dev } = fstatSync(fd);
      const verify = async (
        onTexts?: (from: number, to: number, chunk: Buffer, firstChar: number) => void,
        stopped: () => boolean = () => false,
      ): Promise<string | null> => {
        // A descriptor of its own, so the check never reads through one the query side has closed and reused;
        // a file replaced since (saved anew) is not this one and needs no check.
        let vfd: number;
        try {
          vfd = openSync(path, 'r');
        } catch {
          return null;
        }
        const same = fstatSync(vfd);
        if (same.ino !== ino || same.dev !== dev) {
          closeSync(vfd);
          return null;
        }
        // Read in slices with the event loop free in between; stops quietly once the file was replaced.
        let buf = Buffer.allocUnsafeSlow(CHUNK);
        /** CRC of bytes [at, at + len) read in slices ending at the given cut points (document boundaries). */
        const check = async (
          at: number,
          cuts: Iterable<number>,
          want: number,
          each?: (start: number, end: number, bytes: Buffer) => void,
        ): Promise<boolean | null> => {
          let c = 0;
          let p = 0;
          for (const end of cuts) {
            if (file.closed() || stopped()) return null;
            const m = end - p;
            if (m <= 0) continue;
            if (buf.length < m) buf = Buffer.allocUnsafeSlow(m);
            const { bytesRead } = await readAsync(vfd, buf, 0, m, at + p);
            if (bytesRead !== m) return false;
            c = crc32(buf.subarray(0, m), c);
            each?.(p, end, buf);
            p = end;
          }
          return c === want;
        };
        /** Byte offsets in the texts section where slices of about CHUNK bytes end, at document boundaries. */
        const docCuts = function* (): Generator<number> {
          let last = 0;
          for (let i = 1; i <= textOffs.length - 1; i++) {
            const at = textOffs[i]! * 2;
            if (at - last >= CHUNK || i === textOffs.length - 1) {
              yield at;
              last = at;
            }
          }
        };
        const sliceCuts = function* (len: number): Generator<number> {
          for (let p = CHUNK; p < len; p += CHUNK) yield p;
          yield len;
        };
        // Document i of the file is found from its character offset; texts go to the caller while they pass.
        let doc = 0;
        const handTexts = (start: number, end: number, bytes: Buffer) => {
          if (!onTexts) return;
          const from = doc;
          while (doc < textOffs.length - 1 && textOffs[doc + 1]! * 2 <= end) doc++;
          onTexts(from, doc, bytes, start / 2);
        };
        try {
          const texts = await check(textsAt, docCuts(), t.crc.texts, handTexts);
          if (texts === false) return '索引文件的正文部分校验和不符（文件已损坏）';
          const blob = texts === null ? null : await check(blobAt, sliceCuts(t.sections.blob), t.crc.blob);
          if (blob === false) return '索引文件的倒排表部分校验和不符（文件已损坏）';
          return null;
        } catch (e) {
          return file.closed() ? null : `索引文件无法读取（${String(e)}）`;
        } finally {
          closeSync(vfd);
        }
      };
      return {
        ok: true,
        baseId: t.baseId,
        bytes: size,
        verify,
        loaded: {
          ids: meta.ids,
          stamps: meta.stamps,
          heads,
          textOffs,
          numbers: { codes: meta.codes, own, refOffs, refs },
          postings: { keys, offs, counts, lasts },
          file,
        },
      };
    } catch (e) {
      return { ok: false, reason: `索引文件无法读取（${String(e)}）` };
    }
  } finally {
    if (!keepOpen) closeSync(fd);
  }
}
