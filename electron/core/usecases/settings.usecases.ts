import { Low } from 'lowdb';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { OCR_ENGINE_CHOICES, type OcrEngineChoice, type Settings } from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors/app-error';
import type { Logger } from '../logger';
import { AtomicJsonFile } from '../store/atomic-file';

export const DEFAULT_SETTINGS: Settings = { watchFolder: null, ocrEngine: 'auto' };

const isInside = (child: string, parent: string): boolean => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * Checks a folder to watch: absolute, existing, a folder, and not inside the data folder (the app's own
 * files would be imported as scans). Returns the resolved path.
 */
export async function validateWatchFolder(folder: string, dataDir: string): Promise<string> {
  const path = folder.trim();
  if (!isAbsolute(path)) {
    throw new AppError(
      'settings.folder_not_absolute',
      `“${path}”不是完整路径。请填写从盘符或根目录开始的完整文件夹路径，例如 D:\\扫描件 或 /home/user/扫描件。`,
    );
  }
  const info = await stat(path).catch(() => null);
  if (!info)
    throw new AppError(
      'settings.folder_not_found',
      `找不到文件夹“${path}”。请确认路径正确、文件夹已经建立（网络盘或移动硬盘已连接）。`,
    );
  if (!info.isDirectory())
    throw new AppError('settings.not_a_folder', `“${path}”是一个文件，不是文件夹。请填写扫描件所在的文件夹路径。`);
  const real = await realpath(path).catch(() => resolve(path));
  const data = await realpath(dataDir).catch(() => resolve(dataDir));
  if (isInside(real, data)) {
    throw new AppError(
      'settings.folder_inside_data',
      `“${path}”在程序的数据文件夹里面，不能作为监视文件夹。请另选一个存放扫描件的文件夹。`,
    );
  }
  return resolve(path);
}

export interface SettingsDeps {
  readonly dataDir: string;
  readonly logger: Logger;
}

/** The settings collection (`records/settings.json`, written atomically). */
export async function openSettings({ dataDir, logger }: SettingsDeps) {
  const db = new Low<Settings>(new AtomicJsonFile<Settings>(join(dataDir, 'records', 'settings.json')), {
    ...DEFAULT_SETTINGS,
  });
  try {
    await db.read();
  } catch (e) {
    // A damaged settings file is not fatal: defaults are used in memory and the file is left as it is until the user saves.
    logger.warn('settings unreadable, using defaults', { error: String(e) });
  }
  db.data = { ...DEFAULT_SETTINGS, ...db.data };
  // A value from a newer or hand-edited file that this version does not know falls back to the default.
  if (!(OCR_ENGINE_CHOICES as readonly string[]).includes(db.data.ocrEngine))
    db.data = { ...db.data, ocrEngine: DEFAULT_SETTINGS.ocrEngine };
  return {
    get: (): Settings => ({ ...db.data }),
    /** Validates and saves a change; returns the settings as stored. */
    async update(patch: {
      readonly watchFolder?: string | null;
      readonly ocrEngine?: OcrEngineChoice;
    }): Promise<Settings> {
      const next: Settings = { ...db.data, ...(patch.ocrEngine !== undefined ? { ocrEngine: patch.ocrEngine } : {}) };
      if (patch.watchFolder !== undefined) {
        (next as { watchFolder: string | null }).watchFolder =
          patch.watchFolder === null ? null : await validateWatchFolder(patch.watchFolder, dataDir);
      }
      const old = db.data;
      db.data = next;
      try {
        await db.write();
      } catch (e) {
        db.data = old;
        throw e;
      }
      return { ...next };
    },
  };
}
export type SettingsUsecases = Awaited<ReturnType<typeof openSettings>>;
