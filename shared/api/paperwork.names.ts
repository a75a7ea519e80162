/** Request names of the 文书 generation (issue 6: templates, docx, numbering) part of the contract; zod-free so the preload can import them. */
export const PAPERWORK_REQUEST_NAMES = [
  'paperwork.templates',
  'paperwork.template',
  'paperwork.validateTemplate',
  'paperwork.saveTemplate',
  'paperwork.exportTemplate',
  'paperwork.importTemplate',
  'paperwork.resetTemplate',
  'paperwork.preview',
  'paperwork.generate',
  'paperwork.issued',
  'paperwork.openIssued',
  'paperwork.downloadIssued',
  'paperwork.cancelNumber',
  'paperwork.profile',
  'paperwork.updateProfile',
  'paperwork.caseSuggestions',
] as const;
