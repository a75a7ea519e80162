import { resolve } from 'node:path';
import { createApp, type CreateAppOptions, type XinfangApp } from '../../core/create-app';
import { createStderrLogger, type Logger } from '../../core/logger';
import { checkCommand } from './check';
import { backupCommand, restoreCommand } from './backup';
import { auditCommand } from './audit';
import { casesCommand } from './cases';
import { deadlinesCommand } from './deadlines';
import { generateCommand } from './generate';
import { templatesCommand } from './templates';
import { exportCommand } from './export';

/**
 * Commands added by later parts (cases, paperwork, archive …). Each parses its own arguments
 * (`node:util` parseArgs), so adding one is a file in this folder plus one line in `CLI_COMMANDS`.
 */
export interface CliCommand {
  /** One help line per usage, Chinese, e.g. `cases list [--json]   列出信访件`. */
  readonly help: readonly string[];
  run(args: readonly string[], ctx: CliContext): Promise<number>;
}

export interface CliContext {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly logger: Logger;
  /** The data folder from `--data` (default ./xinfangdesk-data), resolved. */
  dataDir(value: string | undefined): string;
  /** Opens the application core without the watched folder; the caller closes it. */
  openApp(dataDir: string, options?: Partial<CreateAppOptions>): Promise<XinfangApp>;
}

export function createCliContext(verbose: boolean): CliContext {
  const logger = createStderrLogger(verbose ? 'debug' : 'warn');
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    logger,
    dataDir: (value) => resolve(value ?? 'xinfangdesk-data'),
    openApp: (dataDir, options) => createApp({ dataDir, logger, watch: false, ...options }),
  };
}

export const CLI_COMMANDS: Readonly<Record<string, CliCommand>> = {
  check: checkCommand,
  backup: backupCommand,
  restore: restoreCommand,
  audit: auditCommand,
  cases: casesCommand,
  deadlines: deadlinesCommand,
  templates: templatesCommand,
  generate: generateCommand,
  export: exportCommand,
};
