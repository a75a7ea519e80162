import { link, readFile, rename, unlink, mkdir, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
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

const parseLock = (raw: string): LockInfo | null => {
  try {
    const v = JSON.parse(raw) as LockInfo;
    return typeof v.pid === 'number' ? v : null;
  } catch {
    return null;
  }
};

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
  const content = JSON.stringify(info);
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written in full first, then linked into place: link() is atomic and fails if a lock exists,
    // so nobody ever reads a half-written lock.
    const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(tmp, content);
    const linked = await link(tmp, path).then(
      () => true,
      async (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') return false;
        // Filesystems without hard links (FAT, some network shares): exclusive create instead.
        if (e.code !== 'EPERM' && e.code !== 'ENOTSUP' && e.code !== 'ENOSYS') throw e;
        return writeFile(path, content, { flag: 'wx' }).then(
          () => true,
          (e2: NodeJS.ErrnoException) => {
            if (e2.code !== 'EEXIST') throw e2;
            return false;
          },
        );
      },
    );
    await unlink(tmp).catch(() => undefined);
    if (linked) {
      held.add(path);
      return {
        async release() {
          held.delete(path);
          await unlink(path).catch(() => undefined);
        },
      };
    }
    const raw = await readFile(path, 'utf8').catch(() => null);
    if (raw === null) continue; // released meanwhile
    const holder = parseLock(raw);
    const sameHost = holder?.host === info.host;
    // Our own pid in a lock we do not hold means a previous process with the same pid crashed.
    if (holder && (!sameHost || isAlive(holder.pid)) && holder.pid !== process.pid) {
      throw new AppError(
        'store.locked',
        `数据文件夹正被另一个信访文书台使用（进程 ${holder.pid}${sameHost ? '' : `，计算机 ${holder.host}`}，自 ${holder.since} 起）。请先关闭另一个窗口或命令，再重新打开。`,
      );
    }
    // Stale (crash, power cut): move it aside; if what was moved is not what we judged stale,
    // another process took it over in between, so put it back and give way.
    const aside = `${path}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
    if (
      !(await rename(path, aside).then(
        () => true,
        () => false,
      ))
    )
      continue;
    const moved = await readFile(aside, 'utf8').catch(() => null);
    if (moved !== raw) {
      await link(aside, path).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      throw new AppError('store.locked', '另一个信访文书台刚刚打开了这个数据文件夹。请先关闭它，再重新打开。');
    }
    await unlink(aside).catch(() => undefined);
  }
  throw new AppError('store.locked', '无法锁定数据文件夹，请确认没有其他信访文书台在运行后重试。');
}
