import { bigrams, normalizeForSearch, queryTerms } from '../../../../shared/search/normalize';

export interface IndexedFields {
  readonly docNumber: string | null;
  readonly title: string | null;
  readonly issuingBodies: readonly string[];
  readonly text: string;
}

export type MatchField = 'docNumber' | 'title' | 'issuingBodies' | 'text';

export interface IndexHit {
  readonly id: string;
  readonly score: number;
  readonly matchedIn: MatchField[];
  readonly snippet: string;
  readonly highlights: [number, number][];
}

interface Entry {
  readonly id: string;
  readonly docNumber: string;
  readonly title: string;
  readonly bodies: string;
  readonly text: string;
}

const WEIGHT: Record<MatchField, number> = { docNumber: 100, title: 40, issuingBodies: 25, text: 5 };

/**
 * An in-memory character-bigram inverted index with exact substring verification.
 * Measured (DESIGN.md §7) to be the only approach that stays fast for Chinese at 100k documents;
 * word segmenters split words differently by context and lose matches.
 */
export function createSearchIndex() {
  const entries = new Map<string, Entry>();
  const postings = new Map<string, Set<string>>();

  const keysOf = (e: Entry) =>
    new Set([e.docNumber, e.title, e.bodies, e.text].flatMap((s) => [...bigrams(s), ...new Set(s)]));

  function remove(id: string): void {
    const old = entries.get(id);
    if (!old) return;
    for (const k of keysOf(old)) {
      const p = postings.get(k);
      p?.delete(id);
      if (p && p.size === 0) postings.delete(k);
    }
    entries.delete(id);
  }

  function put(id: string, f: IndexedFields): void {
    remove(id);
    const e: Entry = {
      id,
      docNumber: normalizeForSearch(f.docNumber ?? ''),
      title: normalizeForSearch(f.title ?? ''),
      bodies: normalizeForSearch(f.issuingBodies.join('、')),
      text: normalizeForSearch(f.text),
    };
    entries.set(id, e);
    for (const k of keysOf(e)) {
      let p = postings.get(k);
      if (!p) postings.set(k, (p = new Set()));
      p.add(id);
    }
  }

  function candidates(term: string): Set<string> {
    const keys = term.length === 1 ? [term] : bigrams(term);
    const lists = keys.map((k) => postings.get(k) ?? new Set<string>()).sort((a, b) => a.size - b.size);
    const [first, ...rest] = lists;
    const out = new Set<string>();
    if (!first) return out;
    for (const id of first) if (rest.every((l) => l.has(id))) out.add(id);
    return out;
  }

  function search(query: string, limit = 50): { total: number; hits: IndexHit[] } {
    const terms = queryTerms(query);
    if (terms.length === 0) return { total: 0, hits: [] };
    let ids: Set<string> = candidates(terms.reduce((a, b) => (b.length > a.length ? b : a)));
    for (const t of terms) {
      if (ids.size === 0) break;
      const c = candidates(t);
      ids = new Set([...ids].filter((id) => c.has(id)));
    }
    const hits: IndexHit[] = [];
    for (const id of ids) {
      const e = entries.get(id)!;
      let score = 0;
      const matched = new Set<MatchField>();
      let all = true;
      for (const t of terms) {
        let found = false;
        for (const [field, value] of [
          ['docNumber', e.docNumber],
          ['title', e.title],
          ['issuingBodies', e.bodies],
          ['text', e.text],
        ] as const) {
          if (value.includes(t)) {
            found = true;
            matched.add(field);
            score += WEIGHT[field] * t.length + (field === 'text' ? Math.min(20, countOf(value, t)) : 0);
          }
        }
        if (!found) {
          all = false;
          break;
        }
      }
      if (!all) continue;
      const { snippet, highlights } = makeSnippet(e, terms);
      hits.push({ id, score, matchedIn: [...matched], snippet, highlights });
    }
    hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    return { total: hits.length, hits: hits.slice(0, limit) };
  }

  return { put, remove, search, size: () => entries.size };
}
export type SearchIndex = ReturnType<typeof createSearchIndex>;

function countOf(hay: string, needle: string): number {
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** About 80 characters of the text around the first match of any term, with every term occurrence marked. */
function makeSnippet(e: Entry, terms: string[]): { snippet: string; highlights: [number, number][] } {
  const source = terms.some((t) => e.text.includes(t)) ? e.text : e.title || e.docNumber;
  const first = Math.min(...terms.map((t) => source.indexOf(t)).filter((i) => i >= 0), source.length);
  const start = Math.max(0, first - 30);
  const end = Math.min(source.length, start + 90);
  const body = source.slice(start, end);
  const prefix = start > 0 ? '…' : '';
  const snippet = prefix + body + (end < source.length ? '…' : '');
  const highlights: [number, number][] = [];
  for (const t of terms) {
    for (let i = body.indexOf(t); i >= 0; i = body.indexOf(t, i + t.length)) {
      highlights.push([prefix.length + i, prefix.length + i + t.length]);
    }
  }
  highlights.sort((a, b) => a[0] - b[0]);
  return { snippet, highlights };
}
