import type { ReactNode } from 'react';

/** Renders `snippet` with its [start, end) `ranges` wrapped in `<mark>`; overlapping ranges are merged. */
export function HighlightedSnippet({
  snippet,
  ranges,
}: {
  snippet: string;
  ranges: readonly (readonly [number, number])[];
}) {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, s), Math.min(snippet.length, e)] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [s, e] of sorted) {
    if (e <= at) continue;
    const start = Math.max(s, at);
    if (start > at) parts.push(snippet.slice(at, start));
    parts.push(<mark key={start}>{snippet.slice(start, e)}</mark>);
    at = e;
  }
  if (at < snippet.length) parts.push(snippet.slice(at));
  return <>{parts}</>;
}
