/** Reads a dropped or picked file as plain base64 (without the `data:` prefix) for `intake.importFile`. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve(comma >= 0 ? url.slice(comma + 1) : '');
    };
    reader.onerror = () => reject(new Error('无法读取该文件，可能已被移动、删除或正被其他程序占用'));
    reader.readAsDataURL(file);
  });
}
