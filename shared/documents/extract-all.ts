/**
 * One reading of any text for the CLI `extract --json` and the benchmark: the 公文 analysis, and for a
 * petition letter (来信) its letter fields. The letter fields are always present (empty for other kinds),
 * so the JSON has stable field names.
 */
import { analyzeDocument, type ExtractOptions } from './extract';
import type { DocumentAnalysis } from './fields';
import { extractLetter, type LetterCategory } from '../letters/extract-letter';

export interface ExtractedLetterFields {
  readonly petitioners: readonly string[];
  readonly phones: readonly string[];
  readonly idNumbers: readonly string[];
  readonly addresses: readonly string[];
  readonly region: string | null;
  readonly request: string | null;
  readonly category: LetterCategory | null;
  readonly letterAddressee: string | null;
  readonly letterDate: string | null;
  readonly headcount: number | null;
}

export type ExtractedText = DocumentAnalysis & ExtractedLetterFields;

const NO_LETTER: ExtractedLetterFields = {
  petitioners: [],
  phones: [],
  idNumbers: [],
  addresses: [],
  region: null,
  request: null,
  category: null,
  letterAddressee: null,
  letterDate: null,
  headcount: null,
};

/** Reads a text as 公文, 来信 or 资料 and returns every field the extractors find. */
export function extractAll(text: string, options: ExtractOptions = {}): ExtractedText {
  const doc = analyzeDocument(text, options);
  if (doc.kind !== '来信') return { ...doc, ...NO_LETTER };
  const l = extractLetter(text);
  return {
    ...doc,
    petitioners: l.petitioners,
    phones: l.phones,
    idNumbers: l.idNumbers,
    addresses: l.addresses,
    region: l.region,
    request: l.request,
    category: l.category,
    letterAddressee: l.addressee,
    letterDate: l.letterDate,
    headcount: l.headcount,
  };
}
