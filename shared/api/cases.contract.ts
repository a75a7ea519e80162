import type { RequestSpec } from './common';
import type { CASES_REQUEST_NAMES } from './cases.names';

/** Requests of the 信访件 (issue 5: registration, workflow, deadlines, statistics) part: one entry per name in `CASES_REQUEST_NAMES`. */
export const CASES_REQUESTS = {} as const satisfies Record<(typeof CASES_REQUEST_NAMES)[number], RequestSpec>;
