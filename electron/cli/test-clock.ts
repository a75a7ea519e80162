import { readFileSync } from 'node:fs';

/**
 * An injectable clock for `serve`, so end-to-end tests can move time: `XFD_NOW` fixes it (ISO date or date-time),
 * `XFD_NOW_FILE` names a file holding that value, re-read on every call so a running server's clock can move.
 * Neither is set in normal use, and then the real clock is used.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): (() => Date) | undefined {
  const parse = (value: string): Date => {
    const v = value.trim();
    const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T02:00:00Z` : v);
    if (Number.isNaN(d.getTime()))
      throw new Error(`XFD_NOW 的值「${v}」不是有效的日期，应写成 YYYY-MM-DD 或 ISO 时间。`);
    return d;
  };
  if (env.XFD_NOW_FILE) {
    const file = env.XFD_NOW_FILE;
    return () => parse(readFileSync(file, 'utf8'));
  }
  if (env.XFD_NOW) {
    const fixed = parse(env.XFD_NOW);
    return () => new Date(fixed.getTime());
  }
  return undefined;
}
