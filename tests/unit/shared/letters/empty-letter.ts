import type { LetterFields } from '../../../../shared/letters/extract-letter';

/** A letter with every field empty, for building test cases. */
export const EMPTY_LETTER: LetterFields = {
  petitioners: [],
  idNumbers: [],
  phones: [],
  addresses: [],
  region: null,
  addressee: null,
  request: null,
  category: null,
  letterDate: null,
  headcount: null,
};
