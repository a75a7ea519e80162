import yazl from 'yazl';
import { createApp, type XinfangApp } from '../../../electron/core/create-app';
import { silentLogger, type Logger } from '../../../electron/core/logger';
import { createTextReader, lineExtract, textFile } from '../../helpers/fakes';

/** The core with the plain-text reader, no watched folder and no timer-driven backups. */
export const openTestApp = (dataDir: string, logger: Logger = silentLogger): Promise<XinfangApp> =>
  createApp({
    dataDir,
    reader: createTextReader(),
    extract: lineExtract,
    logger,
    watch: false,
    autoBackupMs: 24 * 3600 * 1000,
  });

/** Imports and files one tiny text document whose title is `title`. */
export async function fileDocument(app: XinfangApp, name: string, title: string) {
  const { document } = await app.documents.importFile(
    textFile(name, ['测试机关', `测发〔2026〕${name.length}号`, title]),
  );
  return app.documents.save(document.id, { ...document.fields, title });
}

/** A zip with the given entries, in order (yazl refuses unsafe names, so hostile ones are patched in afterwards). */
export function makeZip(entries: readonly { name: string; data: string | Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries)
    zip.addBuffer(Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data), e.name, { compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** Replaces every occurrence of `from` by `to` (same byte length) in a zip's headers: how a hostile name is made. */
export function patchName(zip: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error('same length only');
  const out = Buffer.from(zip);
  for (let i = out.indexOf(a); i >= 0; i = out.indexOf(a, i + 1)) b.copy(out, i);
  return out;
}
