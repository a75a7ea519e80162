import type { IssuedDocument } from '../../../../shared/api/paperwork.contract';
import { call, initTransport } from '../../lib/api';

/** Saves the issued .docx the core sent (base64) through the browser's download. */
function saveDownload(file: { readonly name: string; readonly mime: string; readonly dataBase64: string }): void {
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

/** In the desktop app the word processor can be opened; in a browser the file is downloaded instead. */
export const canOpenInWordProcessor = (): boolean => initTransport() === 'electron';

/** Opens the document in the system's word processor (desktop) or downloads it (browser); says which. */
export async function openOrDownload(doc: Pick<IssuedDocument, 'id'>): Promise<'opened' | 'downloaded'> {
  if (canOpenInWordProcessor()) {
    await call('paperwork.openIssued', { id: doc.id });
    return 'opened';
  }
  saveDownload(await call('paperwork.downloadIssued', { id: doc.id }));
  return 'downloaded';
}
