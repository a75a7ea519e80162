import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openDataFile } from '../../../electron/main/open-path';
import { tempDir } from '../../helpers/fakes';

let root: string;
let cleanup: () => Promise<void>;
let data: string;
beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir('xfd-open-'));
  data = join(root, 'data');
  await mkdir(join(data, 'generated'), { recursive: true });
  await writeFile(join(data, 'generated', '转送函.docx'), 'x');
  await writeFile(join(root, 'outside.sh'), 'echo pwned');
  await symlink(join(root, 'outside.sh'), join(data, 'generated', 'link.docx'));
});
afterEach(async () => cleanup());

const fakeShell = () => {
  const opened: string[] = [];
  return { opened, shell: { openPath: async (p: string) => (opened.push(p), '') } };
};

describe('opening files from the app', () => {
  it('opens a file inside the data folder', async () => {
    const { opened, shell } = fakeShell();
    await openDataFile(shell, data, join(data, 'generated', '转送函.docx'));
    expect(opened).toHaveLength(1);
  });

  it('refuses anything outside the data folder: ../ paths, symbolic links out, folders, relative paths, URLs', async () => {
    const { opened, shell } = fakeShell();
    for (const p of [
      join(data, '..', 'outside.sh'),
      join(data, 'generated', 'link.docx'),
      join(data, 'generated'),
      data,
      'generated/转送函.docx',
      'https://example.com/',
      `${join(data, 'generated', '转送函.docx')}\u0000.sh`,
      '/etc/passwd',
    ]) {
      await expect(openDataFile(shell, data, p)).rejects.toMatchObject({
        code: 'file.not_found',
        message: expect.stringContaining('只能打开数据文件夹里'),
      });
    }
    expect(opened).toEqual([]);
  });
});
