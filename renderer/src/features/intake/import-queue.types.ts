import type { DocumentSummary, ImportProgress } from '../../../../shared/api/contract';

export type ImportItemStatus = 'waiting' | 'reading' | 'running' | 'done' | 'duplicate' | 'failed' | 'cancelled';

/** One file of a batch as the import list shows it. */
export interface ImportItem {
  /** Also the `ref` sent to `intake.importFile`, so progress events find their row. */
  readonly key: string;
  readonly name: string;
  readonly size: number;
  readonly status: ImportItemStatus;
  readonly progress: ImportProgress | null;
  readonly document: DocumentSummary | null;
  readonly error: string | null;
}

export type ImportAction =
  | { type: 'add'; items: readonly ImportItem[] }
  | { type: 'update'; key: string; patch: Partial<ImportItem> }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'clearFinished' };

export const isFinished = (s: ImportItemStatus): boolean =>
  s === 'done' || s === 'duplicate' || s === 'failed' || s === 'cancelled';

/** Items that can be cancelled (not started, or still being read) and those that can be tried again. */
export const canCancel = (s: ImportItemStatus): boolean => s === 'waiting' || s === 'reading' || s === 'running';
export const canRetry = (s: ImportItemStatus): boolean => s === 'failed' || s === 'cancelled';

/** Pure state transitions of the import list. */
export function importReducer(items: readonly ImportItem[], action: ImportAction): readonly ImportItem[] {
  switch (action.type) {
    case 'add':
      return [...items, ...action.items];
    case 'update':
      return items.map((it) => (it.key === action.key ? { ...it, ...action.patch } : it));
    case 'progress':
      return items.map((it) =>
        it.key === action.progress.ref && !isFinished(it.status) ? { ...it, progress: action.progress } : it,
      );
    case 'clearFinished':
      return items.filter((it) => !isFinished(it.status));
  }
}
