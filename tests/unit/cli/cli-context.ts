import { PassThrough } from 'node:stream';
import { createApp, type CreateAppOptions } from '../../../electron/core/create-app';
import { silentLogger } from '../../../electron/core/logger';
import type { CliContext } from '../../../electron/cli/commands/index';
import { createTextReader } from '../../helpers/fakes';

/**
 * A CLI context for calling one command in-process: what it prints goes to `onOut` / `onErr`, and the app it opens
 * uses the text reader and a fixed clock (2025-08-15 10:00 in Beijing) unless `app` says otherwise.
 */
export function cliContext(o: {
  dataDir: () => string;
  onOut: (s: string) => void;
  onErr: (s: string) => void;
  app?: Partial<CreateAppOptions>;
}): CliContext {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => o.onOut(c.toString('utf8')));
  stderr.on('data', (c: Buffer) => o.onErr(c.toString('utf8')));
  return {
    stdout,
    stderr,
    logger: silentLogger,
    dataDir: o.dataDir,
    openApp: (dataDir) =>
      createApp({
        dataDir,
        logger: silentLogger,
        reader: createTextReader(),
        watch: false,
        now: () => new Date('2025-08-15T02:00:00Z'),
        ...o.app,
      }),
  };
}
