import { crc32 } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { open, rename, unlink, mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { NORMALIZE_VERSION } from '../../../../shared/search/normalize';
import type { IndexSnapshot } from './search-index';

/**
 * The persisted index: sections, then a JSON trailer (format version, normalisation version, section sizes,
 * CRC-32 of every section byte), then the trailer's length and a magic. Anything that does not check out is
 * reported as a reason and the caller rebuilds from the records, which stay the source of truth.
 */
export const INDEX_FORMAT = 1;
const MAGIC = 'XFDIDX01';
/** Texts are read and written in slices of about this many bytes so a 300 MB section never sits in memory twice. */
const CHUNK = 32 * 1024 * 1024;

interface Trailer {
  readonly format: number;
  readonly normalize: number;
  readonly littleEndian: boolean;
  readonly baseId: string;
  readonly docs: number;
  readonly keys: number;
  readonly crc: number;
  /** Byte length of each section, in file order. */
  readonly sections: Record<SectionName, number>;
}
const SECTIONS = ['meta', 'headOffs', 'heads', 'textOffs', 'texts', 'keys', 'offs', 'counts', 'lasts', 'blob'] as const;
type SectionName = (typeof SECTIONS)[number];

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export type LoadOutcome =
  | { readonly ok: true; readonly snapshot: IndexSnapshot; readonly baseId: string; readonly bytes: number }
  | { readonly ok: false; readonly reason: string };

const offsetsOf = (strings: readonly string[]): Uint32Array => {
  const out = new Uint32Array(strings.length + 1);
  for (let i = 0; i < strings.length; i++) out[i + 1] = out[i]! + strings[i]!.length;
  return out;
};
const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/**
 * Writes the snapshot to `path`: temp file, fsync, rename. Streamed section by section (unlike
 * store/atomic-file's one-buffer write) because at 100k documents the index is hundreds of megabytes.
 */
export async function writeIndexFile(path: string, s: IndexSnapshot, baseId: string): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const fh = await open(tmp, 'wx');
  let crc = 0;
  let total = 0;
  const sizes = {} as Record<SectionName, number>;
  const put = async (bytes: Uint8Array) => {
    // zlib.crc32 returns 0 for some empty views instead of the running value.
    if (bytes.length > 0) crc = crc32(bytes, crc);
    await fh.write(bytes);
    total += bytes.length;
  };
  const putStrings = async (strings: readonly string[]) => {
    let batch: string[] = [];
    let len = 0;
    const flush = async () => {
      const buf = Buffer.from(batch.join(''), 'utf16le');
      await put(buf);
      batch = [];
      len = 0;
    };
    for (const str of strings) {
      batch.push(str);
      len += str.length * 2;
      if (len >= CHUNK) await flush();
    }
    if (batch.length) await flush();
  };
  try {
    const sections: Record<SectionName, () => Promise<void>> = {
      meta: () => put(Buffer.from(JSON.stringify({ ids: s.ids, stamps: s.stamps }), 'utf8')),
      headOffs: () => put(bytesOf(offsetsOf(s.heads))),
      heads: () => putStrings(s.heads),
      textOffs: () => put(bytesOf(offsetsOf(s.texts))),
      texts: () => putStrings(s.texts),
      keys: () => put(bytesOf(s.postings.keys)),
      offs: () => put(bytesOf(s.postings.offs)),
      counts: () => put(bytesOf(s.postings.counts)),
      lasts: () => put(bytesOf(s.postings.lasts)),
      blob: () => put(s.postings.blob),
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
      docs: s.ids.length,
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
  return total;
}

/** Reads and checks an index file; any mismatch comes back as a reason (Chinese) instead of an exception. */
export async function readIndexFile(path: string): Promise<LoadOutcome> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    return {
      ok: false,
      reason: (e as NodeJS.ErrnoException).code === 'ENOENT' ? '索引文件不存在' : `索引文件无法打开：${String(e)}`,
    };
  }
  try {
    const size = (await fh.stat()).size;
    if (size < 12) return { ok: false, reason: '索引文件不完整' };
    const tail = Buffer.alloc(12);
    await fh.read(tail, 0, 12, size - 12);
    if (tail.toString('latin1', 4) !== MAGIC) return { ok: false, reason: '索引文件标记不对（文件已损坏或不是索引）' };
    const tlen = tail.readUInt32LE(0);
    if (tlen > size - 12) return { ok: false, reason: '索引文件不完整' };
    const tbuf = Buffer.alloc(tlen);
    await fh.read(tbuf, 0, tlen, size - 12 - tlen);
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
    const bodyBytes = SECTIONS.reduce((n, s) => n + (t.sections[s] ?? NaN), 0);
    if (!(bodyBytes === size - 12 - tlen)) return { ok: false, reason: '索引文件长度与目录不符（文件不完整）' };

    let pos = 0;
    let crc = 0;
    const read = async (len: number): Promise<Buffer> => {
      const b = Buffer.allocUnsafeSlow(len);
      if (len > 0) await fh!.read(b, 0, len, pos);
      pos += len;
      if (len > 0) crc = crc32(b, crc);
      return b;
    };
    const u32 = (b: Buffer) => new Uint32Array(b.buffer, b.byteOffset, b.length / 4);
    const readStrings = async (offs: Uint32Array, bytes: number): Promise<string[]> => {
      if (offs[offs.length - 1]! * 2 !== bytes) throw new Error('string section length');
      const out = new Array<string>(offs.length - 1);
      let i = 0;
      while (i < out.length) {
        let j = i;
        while (j < out.length && (offs[j + 1]! - offs[i]!) * 2 < CHUNK) j++;
        if (j === i) j = i + 1; // one text larger than a chunk
        const chunk = await read((offs[j]! - offs[i]!) * 2);
        for (let k = i; k < j; k++)
          out[k] = chunk.toString('utf16le', (offs[k]! - offs[i]!) * 2, (offs[k + 1]! - offs[i]!) * 2);
        i = j;
      }
      return out;
    };
    try {
      const meta = JSON.parse((await read(t.sections.meta)).toString('utf8')) as { ids: string[]; stamps: string[] };
      const headOffs = u32(await read(t.sections.headOffs));
      const heads = await readStrings(headOffs, t.sections.heads);
      const textOffs = u32(await read(t.sections.textOffs));
      const texts = await readStrings(textOffs, t.sections.texts);
      const keysBuf = await read(t.sections.keys);
      const keys = new Int32Array(keysBuf.buffer, keysBuf.byteOffset, keysBuf.length / 4);
      const offs = u32(await read(t.sections.offs));
      const counts = u32(await read(t.sections.counts));
      const lastsBuf = await read(t.sections.lasts);
      const blob = await read(t.sections.blob);
      if (crc !== t.crc) return { ok: false, reason: '索引文件校验和不符（文件已损坏）' };
      const n = t.docs;
      if (
        meta.ids.length !== n ||
        meta.stamps.length !== n ||
        heads.length !== n ||
        texts.length !== n ||
        keys.length !== t.keys ||
        offs.length !== t.keys + 1 ||
        counts.length !== t.keys ||
        lastsBuf.length !== t.keys * 4 ||
        offs[t.keys] !== blob.length
      ) {
        return { ok: false, reason: '索引文件内部数量不一致' };
      }
      return {
        ok: true,
        baseId: t.baseId,
        bytes: size,
        snapshot: {
          ids: meta.ids,
          stamps: meta.stamps,
          heads,
          texts,
          postings: {
            keys,
            offs,
            counts,
            lasts: new Int32Array(lastsBuf.buffer, lastsBuf.byteOffset, lastsBuf.length / 4),
            blob: new Uint8Array(blob.buffer, blob.byteOffset, blob.length),
          },
        },
      };
    } catch (e) {
      return { ok: false, reason: `索引文件无法读取（${String(e)}）` };
    }
  } finally {
    await fh.close();
  }
}
