import type { ExportedFile } from '../../../../shared/api/archive.contract';

/** Saves a file the core generated (base64) through the browser's download, in both transports. */
export function downloadExported(file: ExportedFile): void {
  const bytes = Uint8Array.from(atob(file.dataBase64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
