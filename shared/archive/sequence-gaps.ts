/** Numbers missing from a 文号 sequence between its lowest and highest number held (国信发〔2019〕1、2、4号 → 3). */
export function sequenceGaps(
  numbers: readonly number[],
  maxGaps = 200,
): { readonly missing: number[]; readonly more: number } {
  const sorted = [...new Set(numbers)].filter((n) => Number.isInteger(n) && n > 0).sort((a, b) => a - b);
  const missing: number[] = [];
  let more = 0;
  for (let i = 1; i < sorted.length; i++) {
    for (let n = sorted[i - 1]! + 1; n < sorted[i]!; n++) {
      if (missing.length < maxGaps) missing.push(n);
      else more++;
    }
  }
  return { missing, more };
}

/** 3、5-7、9 from [3, 5, 6, 7, 9]: how the tree shows missing numbers. */
export function formatRanges(numbers: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    const start = numbers[i]!;
    while (i + 1 < numbers.length && numbers[i + 1] === numbers[i]! + 1) i++;
    out.push(start === numbers[i] ? String(start) : `${start}-${numbers[i]}`);
  }
  return out.join('、');
}
