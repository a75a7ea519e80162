import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractLetter, type LetterFields } from '../../../../shared/letters/extract-letter';
import { corpusDir } from '../../../helpers/corpus';

// Exact-match accuracy of extractLetter on the clean text of the labelled letters (7 letters).
// Thresholds are the counts measured when they were set; raise them when the extractor improves.
// region: placed with the division gazetteer (shared/gazetteer/divisions.ts), measured 7/7.

const letters = join(corpusDir, 'letters');
const haveCorpus = existsSync(join(letters, 'gold.jsonl'));

type Field = keyof LetterFields;
type GoldLetter = LetterFields & { readonly id: string };

const gold: GoldLetter[] = haveCorpus
  ? readFileSync(join(letters, 'gold.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as GoldLetter)
  : [];

const MIN_EXACT: Record<Field, number> = {
  petitioners: 7,
  idNumbers: 7,
  phones: 7,
  addresses: 7,
  region: 7,
  addressee: 7,
  request: 7,
  category: 7,
  letterDate: 7,
  headcount: 7,
};

const FIELDS = Object.keys(MIN_EXACT) as Field[];
const measured: Partial<Record<Field, number>> = {};

describe.skipIf(!haveCorpus)('extractLetter accuracy on the labelled letters', () => {
  afterAll(() => {
    console.log('letters exact:', JSON.stringify(measured));
  });

  it('reads the clean text of every labelled letter with at least the measured per-field exact counts', () => {
    const counts = Object.fromEntries(FIELDS.map((f) => [f, 0])) as Record<Field, number>;
    for (const g of gold) {
      const got = extractLetter(readFileSync(join(letters, g.id, 'text.txt'), 'utf8'));
      for (const f of FIELDS) if (JSON.stringify(got[f]) === JSON.stringify(g[f])) counts[f]++;
    }
    Object.assign(measured, counts);
    expect(gold.length).toBe(7);
    for (const f of FIELDS) expect({ field: f, exact: counts[f] >= MIN_EXACT[f] }).toEqual({ field: f, exact: true });
  });
});
