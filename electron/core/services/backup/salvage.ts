/**
 * Reads what can still be read from a damaged record file: the complete objects of the array under `key`
 * (`{"documents":[{…},{…},…`) up to the first damaged one. A truncated file (power cut, full disk with a
 * non-atomic writer) keeps every record before the cut intact, and those need not be lost.
 */
export function salvageArrayItems(text: string, key: string): unknown[] {
  const start = text.indexOf(`"${key}":[`);
  if (start < 0) return [];
  const items: unknown[] = [];
  let i = start + key.length + 4;
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    if (text[i] !== '{') break;
    const end = matchingBrace(text, i);
    if (end < 0) break;
    try {
      items.push(JSON.parse(text.slice(i, end + 1)));
    } catch {
      break;
    }
    i = end + 1;
  }
  return items;
}

/** Index of the `}` closing the object that opens at `from`, skipping strings; -1 when the text ends first. */
function matchingBrace(text: string, from: number): number {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return c === '}' ? i : -1;
    }
  }
  return -1;
}

/** Every record id a damaged documents file mentions, with the original's name where it can still be read. */
export function mentionedDocuments(text: string): { id: string; name: string | null }[] {
  const out = new Map<string, string | null>();
  const re = /"id":"(d\d{7,})"/g;
  const hits = [...text.matchAll(re)];
  hits.forEach((m, k) => {
    const window = text.slice(m.index, hits[k + 1]?.index ?? text.length);
    const name = /"originalName":"((?:[^"\\]|\\.)*)"/.exec(window)?.[1] ?? null;
    let decoded: string | null = null;
    if (name !== null) {
      try {
        decoded = JSON.parse(`"${name}"`) as string;
      } catch {
        decoded = name;
      }
    }
    if (!out.has(m[1]!) || decoded) out.set(m[1]!, decoded);
  });
  return [...out].map(([id, name]) => ({ id, name }));
}
