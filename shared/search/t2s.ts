import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';

/**
 * Traditional → simplified folding, one character for one character (OpenCC's TSCharacters table).
 * Phrase conversion is not used on purpose: search only needs the same key at index and query time,
 * and a length-preserving map keeps the work a table lookup (150 M characters at 100k documents).
 */
let table: Uint16Array | null = null;

function buildTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let i = 0; i < 65536; i++) t[i] = i;
  for (const entry of TS_CHARACTERS.split('|')) {
    const [trad, simp] = entry.split(' ');
    // Only BMP characters mapping to BMP characters: astral ones are rare in 公文 and keep their code units.
    if (trad && simp && trad.length === 1 && simp.length === 1) t[trad.charCodeAt(0)] = simp.charCodeAt(0);
  }
  return t;
}

/** Folds traditional characters to simplified ones, keeping the length. */
export function foldTraditional(s: string): string {
  const t = (table ??= buildTable());
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    if (t[s.charCodeAt(i)] !== s.charCodeAt(i)) {
      changed = true;
      break;
    }
  }
  if (!changed) return s;
  const out = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) out[i] = String.fromCharCode(t[s.charCodeAt(i)]!);
  return out.join('');
}
