import { createHash } from 'node:crypto';
import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file';

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Lower-case extension without the dot, only letters and digits, at most 8 characters; '' if none. */
export function safeExtension(name: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(name);
  return m ? m[1]!.toLowerCase() : '';
}

/** Originals stored content-addressed (files/ab/abcd….ext) and never modified after the first write. */
export function createBlobStore(dataDir: string) {
  const pathOf = (hash: string, ext: string) => join(dataDir, 'files', hash.slice(0, 2), ext ? `${hash}.${ext}` : hash);
  return {
    pathOf,
    async put(bytes: Uint8Array, ext: string): Promise<{ sha256: string; path: string }> {
      const hash = sha256(bytes);
      const path = pathOf(hash, ext);
      const existing = await stat(path).catch(() => null);
      if (!existing || existing.size !== bytes.length) {
        await writeFileAtomic(path, bytes);
        await chmod(path, 0o444).catch(() => undefined);
      }
      return { sha256: hash, path };
    },
    async get(hash: string, ext: string): Promise<Buffer> {
      return readFile(pathOf(hash, ext));
    },
  };
}
export type BlobStore = ReturnType<typeof createBlobStore>;
