/** Longest file name accepted, in characters: what NTFS and most Linux file systems allow for one name. */
export const MAX_FILE_NAME_CHARS = 255;

/**
 * Why a file name from outside (upload, drag and drop, API) cannot be taken as a name, or null when it can.
 * A name is only ever a label (originals are stored by SHA-256), but a name with a path, control characters or
 * an impossible length is a crafted request, not a scan, and is refused rather than quietly changed.
 */
export function fileNameProblem(name: string): string | null {
  if (name.trim() === '') return '文件名为空';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return '文件名含有控制字符';
  if (/[/\\]/.test(name)) return '文件名含有路径分隔符（/ 或 \\）';
  if (name === '.' || name === '..') return '文件名不是有效的名称';
  if (name.length > MAX_FILE_NAME_CHARS) return `文件名超过 ${MAX_FILE_NAME_CHARS} 个字符`;
  return null;
}

/** The name as it can be shown in a message: control characters made visible as `?`, at most 60 characters. */
export function printableName(name: string): string {
  return [...name.slice(0, 60)].map((c) => (c < ' ' || c === '\u007f' ? '?' : c)).join('');
}
