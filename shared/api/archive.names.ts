/** Request names of the archive and search (issue 7: search, browse, DA/T 22, exports) part of the contract; zod-free so the preload can import them. */
export const ARCHIVE_REQUEST_NAMES = [] as const;
