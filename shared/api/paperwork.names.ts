/** Request names of the 文书 generation (issue 6: templates, docx, numbering) part of the contract; zod-free so the preload can import them. */
export const PAPERWORK_REQUEST_NAMES = [] as const;
