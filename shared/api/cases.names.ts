/** Request names of the 信访件 (issue 5: registration, workflow, deadlines, statistics) part of the contract; zod-free so the preload can import them. */
export const CASES_REQUEST_NAMES = [] as const;
