import type { RequestSpec } from './common';
import type { PAPERWORK_REQUEST_NAMES } from './paperwork.names';

/** Requests of the 文书 generation (issue 6: templates, docx, numbering) part: one entry per name in `PAPERWORK_REQUEST_NAMES`. */
export const PAPERWORK_REQUESTS = {} as const satisfies Record<(typeof PAPERWORK_REQUEST_NAMES)[number], RequestSpec>;
