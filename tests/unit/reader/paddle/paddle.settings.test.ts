import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REQUESTS } from '../../../../shared/api/contract';
import { silentLogger } from '../../../../electron/core/logger';
import { openSettings } from '../../../../electron/core/usecases/settings.usecases';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xfd-ocr-setting-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the 识别引擎 setting', () => {
  it('defaults to 自动, saves a choice across restarts and keeps the watched folder untouched', async () => {
    const dataDir = path.join(tmp, 'a');
    const settings = await openSettings({ dataDir, logger: silentLogger });
    expect(settings.get()).toEqual({ watchFolder: null, ocrEngine: 'auto' });
    expect(await settings.update({ ocrEngine: 'compatible' })).toEqual({ watchFolder: null, ocrEngine: 'compatible' });
    const reopened = await openSettings({ dataDir, logger: silentLogger });
    expect(reopened.get().ocrEngine).toBe('compatible');
  });

  it('falls back to 自动 when the saved file holds a value this version does not know', async () => {
    const dataDir = path.join(tmp, 'b');
    fs.mkdirSync(path.join(dataDir, 'records'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'records', 'settings.json'), JSON.stringify({ ocrEngine: 'gpu' }));
    const settings = await openSettings({ dataDir, logger: silentLogger });
    expect(settings.get()).toEqual({ watchFolder: null, ocrEngine: 'auto' });
  });

  it('accepts only the three choices at the contract, with a Chinese message', () => {
    const schema = REQUESTS['settings.update'].input;
    expect(schema.safeParse({ ocrEngine: 'accurate' }).success).toBe(true);
    const bad = schema.safeParse({ ocrEngine: 'fast' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain('识别引擎只能是');
  });
});
