/** Synthetic inputs for the reader tests, built at test time: no personal data, nothing downloaded. */
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import zlib from 'node:zlib';

/** A CJK font family known to @napi-rs/canvas (Debian: fonts-noto-cjk), or undefined if none is installed. */
export function cjkFontFamily(): string | undefined {
  const families = GlobalFonts.families.map((f) => f.family);
  // Prefer a sans face: its even strokes survive JPEG and resampling like print does.
  return families.find((f) => /Sans CJK|Hei/i.test(f)) ?? families.find((f) => /CJK|WenQuanYi|Song|Ming|Kai/i.test(f));
}

/** Black Chinese text on white, like a clean 300 dpi scan of a few lines; PNG or JPEG bytes. */
export function renderTextImage(
  lines: readonly string[],
  options: {
    readonly width?: number;
    readonly fontPx?: number;
    readonly format?: 'png' | 'jpeg';
    readonly redFirstLine?: boolean;
  } = {},
): Buffer {
  const family = cjkFontFamily();
  if (!family) throw new Error('No CJK font installed: apt-get install fonts-noto-cjk');
  // 40 px on a 1400 px wide page (≈170 dpi if it were A4) is about 三号 (16 pt), the size of official text.
  const fontPx = options.fontPx ?? 40;
  const width = options.width ?? 1400;
  const lineHeight = Math.round(fontPx * 1.8);
  const headerExtra = options.redFirstLine ? lineHeight : 0;
  const height = lineHeight * lines.length + fontPx * 2 + headerExtra;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'top';
  ctx.font = `${fontPx}px "${family}"`;
  lines.forEach((line, i) => {
    const header = options.redFirstLine === true && i === 0;
    ctx.fillStyle = header ? '#d40000' : '#111111';
    ctx.font = `${header ? fontPx * 2 : fontPx}px "${family}"`;
    ctx.fillText(line, fontPx, fontPx + i * lineHeight + (i > 0 ? headerExtra : 0));
  });
  return options.format === 'jpeg' ? canvas.toBuffer('image/jpeg', 92) : canvas.toBuffer('image/png');
}

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A tiny valid-looking PNG whose header claims `width`×`height` RGB pixels (a decompression bomb's header). */
export function pngWithHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', zlib.deflateSync(Buffer.alloc(64))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 24-bit bottom-up BMP of the given RGB pixels (what Windows scanning tools write). */
export function bmp24(
  width: number,
  height: number,
  pixel: (x: number, y: number) => [number, number, number],
): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const out = Buffer.alloc(54 + stride * height);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(out.length, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22);
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      out[row + x * 3] = b;
      out[row + x * 3 + 1] = g;
      out[row + x * 3 + 2] = r;
    }
  }
  return out;
}

export type PdfPageSpec =
  { readonly text: string } | { readonly jpeg: Buffer; readonly width: number; readonly height: number };

/**
 * A small PDF: text pages (Helvetica, ASCII, from pdfjs' bundled standard fonts) and image-only pages
 * (a JPEG filling an A4 page, like a scanner's PDF).
 */
export function buildPdf(pages: readonly PdfPageSpec[]): Buffer {
  const objects: Buffer[] = [];
  const add = (body: string | Buffer): number => {
    objects.push(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    return objects.length;
  };
  const catalog = add('');
  const pagesObj = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const kids: number[] = [];
  for (const page of pages) {
    let resources: string;
    let content: string;
    if ('text' in page) {
      resources = `<< /Font << /F1 ${font} 0 R >> >>`;
      content = `BT /F1 20 Tf 72 760 Td (${page.text.replace(/[()\\]/g, '\\$&')}) Tj ET`;
    } else {
      const img = add(
        Buffer.concat([
          Buffer.from(
            `<< /Type /XObject /Subtype /Image /Width ${page.width} /Height ${page.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${page.jpeg.length} >>\nstream\n`,
            'latin1',
          ),
          page.jpeg,
          Buffer.from('\nendstream', 'latin1'),
        ]),
      );
      resources = `<< /XObject << /Im1 ${img} 0 R >> >>`;
      const h = Math.round((595 * page.height) / page.width);
      content = `q 595 0 0 ${h} 0 ${842 - h} cm /Im1 Do Q`;
    }
    const stream = add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 595 842] /Resources ${resources} /Contents ${stream} 0 R >>`,
      ),
    );
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`, 'latin1');
  objects[pagesObj - 1] = Buffer.from(
    `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`,
    'latin1',
  );
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')]);
    parts.push(chunk);
    length += chunk.length;
  });
  const xref =
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n` +
    offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('') +
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${length}\n%%EOF\n`;
  parts.push(Buffer.from(xref, 'latin1'));
  return Buffer.concat(parts);
}

/** Character error rate with whitespace removed: edit distance / reference length. */
export function cer(hypothesis: string, reference: string): number {
  const a = Array.from(hypothesis.replace(/\s+/g, ''));
  const b = Array.from(reference.replace(/\s+/g, ''));
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]! / Math.max(1, b.length);
}
