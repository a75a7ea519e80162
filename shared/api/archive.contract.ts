import type { RequestSpec } from './common';
import type { ARCHIVE_REQUEST_NAMES } from './archive.names';

/** Requests of the archive and search (issue 7: search, browse, DA/T 22, exports) part: one entry per name in `ARCHIVE_REQUEST_NAMES`. */
export const ARCHIVE_REQUESTS = {} as const satisfies Record<(typeof ARCHIVE_REQUEST_NAMES)[number], RequestSpec>;
