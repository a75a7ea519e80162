/**
 * The learned part of the issuing-body registry: bodies, 机关代字 and corrected readings users confirmed,
 * kept in `records/body-registry.json` (atomic writes) so the same office's next document is read right.
 * The seed part is pure data in shared/gazetteer/issuing-bodies.ts.
 */
import { join } from 'node:path';
import { AtomicJsonFile } from '../store/atomic-file';
import {
  createBodyRegistry,
  learnFromConfirmation,
  type BodyEntry,
  type BodyRegistry,
} from '../../../shared/gazetteer/issuing-bodies';
import { parseDocNumber } from '../../../shared/documents/doc-number';
import type { Logger } from '../logger';

interface RegistryFile {
  readonly version: 1;
  readonly learned: readonly BodyEntry[];
}

export interface RegistryUsecaseDeps {
  readonly dataDir: string;
  readonly logger: Logger;
}

/** Where the learned entries live in a data folder. */
export const registryPath = (dataDir: string): string => join(dataDir, 'records', 'body-registry.json');

/** Reads the learned entries; a missing file is an empty registry, a damaged one is reported and not overwritten. */
export async function loadLearnedBodies(dataDir: string): Promise<readonly BodyEntry[]> {
  const data = await new AtomicJsonFile<RegistryFile>(registryPath(dataDir)).read();
  return data?.learned ?? [];
}

export async function openRegistry(deps: RegistryUsecaseDeps) {
  const file = new AtomicJsonFile<RegistryFile>(registryPath(deps.dataDir));
  let learned: readonly BodyEntry[] = [];
  // A damaged file must not stop the app: extraction falls back to the seed, and learning is paused so the
  // damaged file is never overwritten with less than it held.
  let writable = true;
  try {
    learned = (await file.read())?.learned ?? [];
  } catch (e) {
    writable = false;
    deps.logger.warn('body registry unreadable; using the seed only', { error: String(e) });
  }
  let registry: BodyRegistry = createBodyRegistry(learned);
  let queue: Promise<void> = Promise.resolve();

  return {
    /** The registry extraction uses now (seed + learned). */
    current: (): BodyRegistry => registry,
    learned: (): readonly BodyEntry[] => learned,
    /**
     * Learns from one confirmed document: what the extractor suggested against what the person saved.
     * Writes are serialised; a failed write is logged and never fails the save of the document itself.
     */
    confirm(suggestedBodies: readonly string[], confirmedBodies: readonly string[], docNumber: string | null) {
      const agencyCode = docNumber ? (parseDocNumber(docNumber)?.agencyCode ?? null) : null;
      const next = learnFromConfirmation(learned, { suggestedBodies, confirmedBodies, agencyCode });
      if (next === learned) return queue;
      learned = next;
      registry = createBodyRegistry(learned);
      if (!writable) return queue;
      const snapshot: RegistryFile = { version: 1, learned };
      queue = queue
        .then(() => file.write(snapshot))
        .catch((e: unknown) => deps.logger.warn('body registry not saved', { error: String(e) }));
      return queue;
    },
  };
}

export type RegistryUsecases = Awaited<ReturnType<typeof openRegistry>>;
