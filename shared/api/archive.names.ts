/** Request names of the archive and search (issue 7: search, browse, DA/T 22, exports) part of the contract; zod-free so the preload can import them. */
export const ARCHIVE_REQUEST_NAMES = [
  'archive.search',
  'archive.browse',
  'archive.groupDocuments',
  'archive.copies',
  'archive.related',
  'archive.entries',
  'archive.assignNumbers',
  'archive.setRetention',
  'archive.exportCatalogue',
  'archive.exportRegister',
  'archive.exportSearch',
  // DA/T 22 件 assembly, 归档章 and the year's hand-over folder (archive.dat22.contract.ts).
  'archive.pieces',
  'archive.group',
  'archive.ungroup',
  'archive.adjustPiece',
  'archive.exportYear',
] as const;
