#!/usr/bin/env node
// `npm start`: launches the desktop app; where no Electron binary can be had, says so and points to `npm run serve`.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let binary;
try {
  // The electron package resolves (and, if missing, tries to download) its binary when required.
  binary = createRequire(import.meta.url)('electron');
} catch {
  process.stderr.write(
    '\n无法启动桌面程序：本机没有 Electron 运行文件，也无法下载（没有外网）。\n' +
      '同样的界面可以在浏览器中使用：运行 npm run serve，再打开它打印的地址。\n',
  );
  process.exit(1);
}
const child = spawn(binary, [root], { stdio: 'inherit' });
child.on('close', (code) => process.exit(code ?? 1));
