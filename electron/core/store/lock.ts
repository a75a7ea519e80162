import { open, readFile, unlink, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hostname } from 'node:os';
import { AppError } from '../../../shared/errors/app-error';

/** Folders this process holds: a second open in the same process is refused too. */
const held = new Set<string>();

export interface FolderLock {
  release(): Promise<void>;
}

interface LockInfo {
  pid: number;
  host: string;
  since: string;
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** One process owns a data folder at a time; a stale lock (its process is gone) is taken over. */
export async function acquireLock(dataDir: string): Promise<FolderLock> {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, 'xinfangdesk.lock');
  const info: LockInfo = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  if (held.has(path)) {
    throw new AppError('store.locked', '数据文件夹已被本程序的另一个窗口或任务打开。请先关闭它，再重新打开。');
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(JSON.stringify(info));
      await fh.close();
      held.add(path);
      return {
        async release() {
          held.delete(path);
          await unlink(path).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = await readFile(path, 'utf8')
        .then((s) => JSON.parse(s) as LockInfo)
        .catch(() => null);
      const sameHost = holder?.host === info.host;
      // Our own pid in a lock we do not hold means a previous process with the same pid crashed.
      if (holder && (!sameHost || isAlive(holder.pid)) && holder.pid !== process.pid) {
        throw new AppError(
          'store.locked',
          `数据文件夹正被另一个信访文书台使用（进程 ${holder.pid}${sameHost ? '' : `，计算机 ${holder.host}`}，自 ${holder.since} 起）。请先关闭另一个窗口或命令，再重新打开。`,
        );
      }
      // The holder is gone (crash, power cut): the lock is stale.
      await unlink(path).catch(() => undefined);
    }
  }
  throw new AppError('store.locked', '无法锁定数据文件夹，请确认没有其他信访文书台在运行后重试。');
}
