import { readerErrors } from './reader.errors';

/** What a file really is, decided by its first bytes (the extension only breaks ties for plain text). */
export type FileKind = 'jpeg' | 'png' | 'tiff' | 'webp' | 'gif' | 'bmp' | 'pdf' | 'txt';

const KIND_NAMES: Readonly<Record<FileKind, string>> = {
  jpeg: 'JPEG 图片',
  png: 'PNG 图片',
  tiff: 'TIFF 图片',
  webp: 'WebP 图片',
  gif: 'GIF 图片',
  bmp: 'BMP 图片',
  pdf: 'PDF',
  txt: '纯文本',
};

const EXTENSION_KINDS: Readonly<Record<string, FileKind>> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  tif: 'tiff',
  tiff: 'tiff',
  webp: 'webp',
  gif: 'gif',
  bmp: 'bmp',
  dib: 'bmp',
  pdf: 'pdf',
  txt: 'txt',
  text: 'txt',
};

/** Well-known formats we do not read, named so the message can say what the file is. */
const OTHER_SIGNATURES: readonly { readonly bytes: readonly number[]; readonly what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'ZIP 压缩包或 Word/Excel 文档（.docx/.xlsx）' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: '旧版 Word/Excel 文档（.doc/.xls）' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'RAR 压缩包' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], what: '7z 压缩包' },
  { bytes: [0x41, 0x54, 0x26, 0x54], what: 'DjVu 文档' },
  { bytes: [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50], what: 'JPEG 2000 图片' },
];

function startsWith(b: Uint8Array, sig: readonly number[], at = 0): boolean {
  if (b.length < at + sig.length) return false;
  return sig.every((v, i) => b[at + i] === v);
}

/** The lower-case extension of a file name, without the dot ('' if none). */
export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/** The kind named by the bytes alone, or null. */
export function sniffBinary(b: Uint8Array): FileKind | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(b, [0x49, 0x49, 0x2b, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff';
  if (startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (startsWith(b, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(b, [0x42, 0x4d]) && b.length >= 26) return 'bmp';
  // A PDF header may follow a little junk (the spec allows it within the first 1024 bytes).
  const head = b.subarray(0, Math.min(b.length, 1024));
  for (let i = 0; i + 5 <= head.length; i++) {
    if (
      head[i] === 0x25 &&
      head[i + 1] === 0x50 &&
      head[i + 2] === 0x44 &&
      head[i + 3] === 0x46 &&
      head[i + 4] === 0x2d
    )
      return 'pdf';
  }
  return null;
}

/**
 * Decodes plain text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (Chinese Windows' default).
 * Null if binary. `partial`: the bytes are a prefix, so a character cut at the end is not an error.
 */
export function decodeText(b: Uint8Array, partial = false): string | null {
  let text: string | null = null;
  if (startsWith(b, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(b.subarray(2));
  else if (startsWith(b, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(b.subarray(2));
  else {
    const body = startsWith(b, [0xef, 0xbb, 0xbf]) ? b.subarray(3) : b;
    for (const enc of ['utf-8', 'gb18030']) {
      try {
        text = new TextDecoder(enc, { fatal: true }).decode(body, { stream: partial });
        break;
      } catch {
        text = null;
      }
    }
  }
  if (text === null) return null;
  // Control characters other than tab, newlines and form feed mean binary data.
  let control = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c === 0) return null;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) control++;
  }
  return control > text.length / 100 ? null : text;
}

/**
 * Decides what a file is from its bytes. A JPEG named .pdf is read as a JPEG; plain text is read only from
 * a .txt file, so a text file renamed .pdf is reported as not being a PDF.
 */
export function detectKind(name: string, bytes: Uint8Array): FileKind {
  if (bytes.length === 0) throw readerErrors.empty(name);
  const ext = extensionOf(name);
  const claimed = EXTENSION_KINDS[ext];
  const sniffed = sniffBinary(bytes);
  if (sniffed) return sniffed;
  const other = OTHER_SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  const isText = other ? false : decodeText(bytes.subarray(0, 64 * 1024), bytes.length > 64 * 1024) !== null;
  if (isText && claimed === 'txt') return 'txt';
  const actual = other ? `是${other.what}` : isText ? '看起来是纯文本' : '内容无法识别';
  if (claimed && claimed !== 'txt') throw readerErrors.notWhatItClaims(name, KIND_NAMES[claimed], actual);
  if (claimed === 'txt') throw readerErrors.notWhatItClaims(name, KIND_NAMES.txt, actual);
  throw readerErrors.unsupported(name, other ? other.what : ext ? `.${ext}，${actual}` : actual);
}

export function kindName(kind: FileKind): string {
  return KIND_NAMES[kind];
}
