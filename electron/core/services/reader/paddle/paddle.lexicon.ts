/**
 * Doubtful characters settled by a lexicon of place names. The recogniser's second or third guess for a rare
 * character is often the right one (a bold 弋 read as 七 with 0.5, 弋 next at 0.1); where exactly one guess makes
 * the characters around it an administrative division (弋阳县, from the national divisions list), that guess is
 * kept. A character read with confidence, or one that already forms a division name, is never touched.
 */
import { divisionsNamed } from '../../../../../shared/gazetteer/divisions';
import type { DecodedChar } from './paddle.rec';

/** Characters read with a probability below this are doubtful. */
export const DOUBT_BELOW = 0.7;
/** A guess needs at least this probability to be tried. */
export const MIN_GUESS = 0.03;
/** Division names are 3 to 10 characters with their suffix (沛县 and such two-character names are left out: too loose). */
const MIN_NAME = 3;
const MAX_NAME = 10;
/** Characters a division name ends with (县, 市, 区, 旗, 州, 盟, 省 and those ending 自治区, 特别行政区, 地区, 林区). */
const NAME_END = /[省市县区旗州盟]/u;

const isDivision = (name: string): boolean => divisionsNamed(name).length > 0;

/** Whether the characters around index `at` form a division name (one that contains `at`). */
function formsName(texts: readonly string[], at: number, isName: (s: string) => boolean): boolean {
  for (let end = at + 1; end <= Math.min(texts.length, at + MAX_NAME); end++) {
    if (!NAME_END.test(texts[end - 1]!)) continue;
    for (let start = Math.max(0, end - MAX_NAME); start <= at && end - start >= MIN_NAME; start++)
      if (isName(texts.slice(start, end).join(''))) return true;
  }
  return false;
}

/**
 * The line with each doubtful character replaced by the one guess (of those at least MIN_GUESS) that makes a
 * division name where the reading does not. Two guesses that both do leave the reading as it is.
 */
export function settleDoubtfulChars(
  chars: readonly DecodedChar[],
  isName: (s: string) => boolean = isDivision,
): DecodedChar[] {
  const out = [...chars];
  const texts = out.map((c) => c.text);
  out.forEach((c, i) => {
    if (c.prob >= DOUBT_BELOW || !c.guesses?.length) return;
    if (formsName(texts, i, isName)) return;
    const fits = c.guesses.filter((g) => {
      if (g.prob < MIN_GUESS || g.text === c.text) return false;
      const trial = [...texts];
      trial[i] = g.text;
      return formsName(trial, i, isName);
    });
    if (fits.length !== 1) return;
    // The probability stays the reading's: how sure the recogniser was of this place, not of the guess.
    out[i] = { ...c, text: fits[0]!.text };
    texts[i] = fits[0]!.text;
  });
  return out;
}
