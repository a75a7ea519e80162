import { ARCHIVE_REQUEST_NAMES } from './archive.names';
import { CASES_REQUEST_NAMES } from './cases.names';
import { MAINTENANCE_REQUEST_NAMES } from './maintenance.names';
import { PAPERWORK_REQUEST_NAMES } from './paperwork.names';

/**
 * The request names alone, so the preload can expose one function per request without bundling zod.
 * `contract.ts` checks at compile time that its REQUESTS has exactly these keys.
 */
export const CORE_REQUEST_NAMES = [
  'app.info',
  'intake.importFile',
  'intake.cancel',
  'intake.watchStatus',
  'settings.get',
  'settings.update',
  'documents.reviewQueue',
  'documents.get',
  'documents.pageImage',
  'documents.ocrLayout',
  'documents.save',
  'documents.completeTask',
  'documents.reopenTask',
  'search.query',
] as const;

export const REQUEST_NAMES = [
  ...CORE_REQUEST_NAMES,
  ...CASES_REQUEST_NAMES,
  ...PAPERWORK_REQUEST_NAMES,
  ...ARCHIVE_REQUEST_NAMES,
  ...MAINTENANCE_REQUEST_NAMES,
] as const;

export type RequestName = (typeof REQUEST_NAMES)[number];

/** The one channel every request travels on over Electron IPC, and the one for pushed events. */
export const IPC_REQUEST_CHANNEL = 'xinfangdesk:request';
export const IPC_EVENT_CHANNEL = 'xinfangdesk:event';
