import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFields } from '../../../shared/documents/extract';
import { extractLetter } from '../../../shared/letters/extract-letter';
import { documentFieldsSchema } from '../../../shared/api/contract';
import { normalizeForSearch, queryTerms } from '../../../shared/search/normalize';
import { docText, fuzz, timed } from './fuzz-helpers';

/** Recorded OCR text of the corpus: realistic red headers to mutate. */
const dir = join(import.meta.dirname, '..', '..', 'fixtures', 'ocr', 'docs');
const recorded = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => readFileSync(join(dir, f), 'utf8'));

/** A recorded document with random cuts, insertions and duplications, as a damaged scan would read. */
const mutatedDocument = fc
  .tuple(
    fc.constantFrom(...recorded),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 200 }), fc.oneof(docText(50), fc.constant(''))), { maxLength: 8 }),
  )
  .map(([text, edits]) => {
    let t = text;
    for (const [at, cut, insert] of edits) {
      const i = at % (t.length + 1);
      t = t.slice(0, i) + insert + t.slice(i + cut);
    }
    return t;
  });

const isoOrNull = (v: string | null) => v === null || /^\d{4}-\d{2}-\d{2}$/.test(v);

describe('red-header and letter extraction under fuzzing', () => {
  it('never throws or hangs, and always proposes fields a person can save as they are', () => {
    fuzz('extractFields', fc.oneof(docText(), mutatedDocument), (text) => {
      const f = timed('extractFields', () => extractFields(text));
      const parsed = documentFieldsSchema.safeParse({
        ...f,
        issuingBodies: [...f.issuingBodies],
        addressees: [...f.addressees],
        attachments: [...f.attachments],
        cc: [...f.cc],
        referencedDocNumbers: [...f.referencedDocNumbers],
      });
      if (!parsed.success)
        throw new Error(
          `unsaveable suggestion: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`,
        );
      expect(isoOrNull(f.signingDate)).toBe(true);
    });
  });

  it('reads petition letters without throwing or hanging, with well-formed dates and counts', () => {
    fuzz('extractLetter', fc.oneof(docText(), mutatedDocument), (text) => {
      const l = timed('extractLetter', () => extractLetter(text));
      expect(isoOrNull(l.letterDate)).toBe(true);
      if (l.headcount !== null) expect(Number.isInteger(l.headcount) && l.headcount > 0).toBe(true);
      for (const id of l.idNumbers) expect(id).toMatch(/^\d{17}[\dX]$/);
    });
  });

  it('normalises search text idempotently and never produces an empty query term', () => {
    fuzz('search normalize', docText(500), (text) => {
      const n = timed('normalizeForSearch', () => normalizeForSearch(text));
      expect(normalizeForSearch(n)).toBe(n);
      for (const t of queryTerms(text)) expect(t.length).toBeGreaterThan(0);
    });
  });
});
