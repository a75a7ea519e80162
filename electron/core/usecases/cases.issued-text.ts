import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/**
 * The plain text of a generated .docx (word/document.xml with the tags dropped), read synchronously so the case
 * page's 办结 checklist can tell whether a 处理意见书 really carries the 复查 notice. Null when the file is missing
 * or is not a readable .docx: the checklist then asks for the document to be generated again.
 */
export function docxText(path: string): string | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  const xml = zipEntry(bytes, 'word/document.xml');
  if (xml === null) return null;
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** One entry of a zip file as UTF-8 text (stored or deflated), null when absent or damaged. */
export function zipEntry(zip: Buffer, name: string): string | null {
  try {
    // End of central directory: 22 bytes plus a comment of at most 65,535.
    let eocd = -1;
    for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
      if (zip.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return null;
    const count = zip.readUInt16LE(eocd + 10);
    let at = zip.readUInt32LE(eocd + 16);
    for (let n = 0; n < count; n++) {
      if (zip.readUInt32LE(at) !== 0x02014b50) return null;
      const method = zip.readUInt16LE(at + 10);
      const size = zip.readUInt32LE(at + 20);
      const nameLen = zip.readUInt16LE(at + 28);
      const skip = nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
      const local = zip.readUInt32LE(at + 42);
      if (zip.toString('utf8', at + 46, at + 46 + nameLen) === name) {
        if (zip.readUInt32LE(local) !== 0x04034b50) return null;
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const data = zip.subarray(start, start + size);
        if (method === 0) return data.toString('utf8');
        if (method === 8) return inflateRawSync(data).toString('utf8');
        return null;
      }
      at += 46 + skip;
    }
    return null;
  } catch {
    return null;
  }
}

/** docxText with a cache keyed by path, size and mtime: the case page asks on every load. */
export function cachedDocxText(): (path: string) => string | null {
  const cache = new Map<string, { key: string; text: string | null }>();
  return (path) => {
    let key: string;
    try {
      const s = statSync(path);
      key = `${s.size}|${s.mtimeMs}`;
    } catch {
      return null;
    }
    const hit = cache.get(path);
    if (hit?.key === key) return hit.text;
    const text = docxText(path);
    cache.set(path, { key, text });
    return text;
  };
}
