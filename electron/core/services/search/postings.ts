/**
 * Posting lists in one byte array: per bigram key, the ascending document ordinals as varint-encoded gaps
 * (first gap from -1). At 100k documents this is about a third of the size of plain Uint32 lists.
 */
export interface PostingBase {
  /** Bigram keys (two UTF-16 code units as a signed 32-bit number), ascending, for binary search. */
  readonly keys: Int32Array;
  /** Byte offset of each key's list in `blob`; one more entry than keys. */
  readonly offs: Uint32Array;
  /** Number of ordinals in each list. */
  readonly counts: Uint32Array;
  /** The last ordinal of each list (-1 for an empty one). */
  readonly lasts: Int32Array;
  readonly blob: Uint8Array;
}

/** The lists of a base kept on disk: the directory is in memory, the bytes are read per list when a query needs them. */
export type PostingDirectory = Omit<PostingBase, 'blob'>;

/** Appends one unsigned varint at `p`; returns the next position. The caller makes sure 5 bytes fit. */
export function encodeVarint(out: Uint8Array, p: number, v: number): number {
  while (v >= 0x80) {
    out[p++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[p++] = v;
  return p;
}

/** Decodes list `i` into `out` from position 0; returns how many ordinals were written. */
export function decodeInto(base: PostingBase, i: number, out: Uint32Array): number {
  const blob = base.blob;
  let p = base.offs[i]!;
  const end = base.offs[i + 1]!;
  let v = -1;
  let n = 0;
  while (p < end) {
    let b = blob[p++]!;
    let x = b & 0x7f;
    let shift = 7;
    while (b & 0x80) {
      b = blob[p++]!;
      x |= (b & 0x7f) << shift;
      shift += 7;
    }
    v += x;
    out[n++] = v;
  }
  return n;
}

/** Decodes one list's bytes into `out` from position 0; returns how many ordinals were written. */
export function decodeBytes(bytes: Uint8Array, out: Uint32Array): number {
  let p = 0;
  let v = -1;
  let n = 0;
  while (p < bytes.length && n < out.length) {
    let b = bytes[p++]!;
    let x = b & 0x7f;
    let shift = 7;
    while (b & 0x80 && p < bytes.length) {
      b = bytes[p++]!;
      x += (b & 0x7f) * 2 ** shift;
      shift += 7;
    }
    v += x;
    out[n++] = v;
  }
  return n;
}
