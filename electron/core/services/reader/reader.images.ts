import sharp from 'sharp';
import { AppError } from '../../../../shared/errors/app-error';
import { decodeBmp } from './reader.bmp';
import type { FileKind } from './reader.detect';
import { readerErrors } from './reader.errors';
import { estimateDpi, type RawPage } from './reader.preprocess';

/** An image file opened for reading one page at a time (multi-page TIFF: one page per frame). */
export interface OpenedImage {
  readonly pages: number;
  readPage(index: number): Promise<{ readonly raw: RawPage; readonly dpi: number }>;
}

/** Maps a sharp/libvips failure to the user-facing error. */
function imageError(name: string, e: unknown, maxPixels: number, width = 0, height = 0): AppError {
  if (e instanceof AppError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(msg)) return readerErrors.imageTooLarge(name, width, height, maxPixels);
  // libtiff names the scheme: "Compression scheme 34712 scanline decoding is not implemented",
  // "ZSTD compression support is not configured" (sharp's libtiff has no ZSTD, JBIG, JPEG 2000 …).
  const scheme =
    /Compression scheme (\d+)[^\n]*not implemented/i.exec(msg)?.[1] ??
    /([A-Z0-9-]+(?: [A-Z0-9-]+)?) compression support is not configured/.exec(msg)?.[1];
  if (scheme) return readerErrors.tiffCompression(name, /^\d+$/.test(scheme) ? `编号 ${scheme}` : scheme, e);
  return readerErrors.imageCorrupt(name, e);
}

/**
 * Opens an image. Dimensions are checked from the header before any pixel is decoded (a 30000×30000 PNG is
 * 69 bytes), and every decode is capped at `maxPixels` by libvips too. Truncated files fail instead of
 * yielding half a grey page.
 */
export async function openImage(
  name: string,
  bytes: Uint8Array,
  kind: FileKind,
  maxPixels: number,
): Promise<OpenedImage> {
  if (kind === 'bmp') return openBmp(name, bytes, maxPixels);
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const meta = await sharp(input, { limitInputPixels: false })
    .metadata()
    .catch((e: unknown) => {
      throw imageError(name, e, maxPixels);
    });
  const pages = kind === 'tiff' ? Math.max(1, meta.pages ?? 1) : 1;
  const checkSize = (w: number, h: number): void => {
    if (!(w > 0 && h > 0)) throw readerErrors.imageCorrupt(name);
    if (w * h > maxPixels) throw readerErrors.imageTooLarge(name, w, h, maxPixels);
  };
  checkSize(meta.width ?? 0, meta.height ?? 0);
  return {
    pages,
    async readPage(index) {
      // A multi-page TIFF may hold pages of different sizes: check each before decoding it.
      const pageMeta =
        pages > 1
          ? await sharp(input, { page: index, limitInputPixels: false })
              .metadata()
              .catch((e: unknown) => {
                throw imageError(name, e, maxPixels);
              })
          : meta;
      const w = pageMeta.width ?? 0;
      const h = pageMeta.height ?? 0;
      checkSize(w, h);
      try {
        const { data, info } = await sharp(input, {
          page: index,
          pages: 1,
          limitInputPixels: maxPixels,
          // 'error', not 'truncated': at 'truncated' libvips hands back a blank page for pixels it cannot decode
          // (a TIFF compression it has no codec for), which would be OCR'd as an empty page instead of reported.
          failOn: 'error',
        })
          .rotate()
          .flatten({ background: '#ffffff' })
          .toColourspace(pageMeta.channels === 1 || pageMeta.channels === 2 ? 'b-w' : 'srgb')
          .raw({ depth: 'uchar' })
          .toBuffer({ resolveWithObject: true });
        const channels = info.channels === 1 ? 1 : 3;
        const raw: RawPage = { data, width: info.width, height: info.height, channels };
        if (info.channels !== 1 && info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
        return { raw, dpi: estimateDpi(info.width, info.height, pageMeta.density) };
      } catch (e) {
        throw imageError(name, e, maxPixels, w, h);
      }
    },
  };
}

function openBmp(name: string, bytes: Uint8Array, maxPixels: number): OpenedImage {
  const result = decodeBmp(bytes, maxPixels);
  if (!result.ok) {
    if (result.reason === 'too_large')
      throw readerErrors.imageTooLarge(name, result.width ?? 0, result.height ?? 0, maxPixels);
    if (result.reason === 'unsupported') throw readerErrors.unsupported(name, `BMP，${result.detail}`);
    throw readerErrors.imageCorrupt(name);
  }
  const { image } = result;
  return {
    pages: 1,
    readPage: async () => ({
      raw: { data: image.data, width: image.width, height: image.height, channels: 3 },
      dpi: estimateDpi(image.width, image.height, undefined),
    }),
  };
}
